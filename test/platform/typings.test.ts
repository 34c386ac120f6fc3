/**
 * The structural `WxLike`, `MyLike` and `TaroLike` must accept the real runtime objects as their
 * official typings describe them. These checks run in `tsc -p test/tsconfig.json`; the jest test
 * only keeps the file a test. (`import type` keeps Taro's runtime out of Jest.)
 */
import type Taro from '@tarojs/taro';
import type { MyLike } from '../../src/platform/alipay';
import type { TaroLike } from '../../src/platform/taro';
import type { WxLike } from '../../src/platform/wechat';

type Assignable<From, To> = [From] extends [To] ? true : false;
function assertTrue<T extends true>(): T | undefined {
  return undefined;
}

// miniprogram-api-typings: `declare let wx: WechatMiniprogram.Wx`
assertTrue<Assignable<typeof wx, WxLike>>();
// @mini-types/my: `declare namespace my`
assertTrue<Assignable<typeof my, MyLike>>();
// @tarojs/taro 4.2.0: the default export (TaroStatic)
assertTrue<Assignable<typeof Taro, TaroLike>>();

// And the checks can fail: a wx without login is not a WxLike.
assertTrue<Assignable<Assignable<Omit<typeof wx, 'login'>, WxLike>, false>>();

test('real runtime typings fit the structural platform types (checked by tsc)', () => {
  expect(true).toBe(true);
});
