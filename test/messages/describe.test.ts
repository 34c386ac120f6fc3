/**
 * describeError: one sentence for a person, in the asked language or the host app's; unknown codes
 * fall back to the server's words, then to a general sentence in the right language.
 */
import {
  IdaasNetworkError,
  IdaasPlatformError,
  IdaasServerError,
  IdaasSessionError,
  IdaasValidationError,
} from '../../src/errors';
import { describeError, messageLanguage } from '../../src/messages';
import { checkFields, requireText } from '../../src/util/validate';

const globals = globalThis as Record<string, unknown>;
afterEach(() => {
  delete globals.wx;
  delete globals.my;
  delete globals.uni;
});

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

const SNAKE_OR_CAMEL = /\b[a-z0-9]+_[a-z0-9_]+\b|\b[a-z]+[A-Z]\w*\b/;

describe('describeError', () => {
  test('the code is never shown twice, nor at all', () => {
    const error = new IdaasServerError({
      code: 'IDAAS.SDK.LOGIN.0001',
      message: 'Incorrect account or password (IDAAS.SDK.LOGIN.0001)',
      status: 400,
    });
    expect(describeError(error, 'en')).toBe('The account or password is incorrect. Please check them and try again.');
    expect(describeError(error, 'zh')).toBe('账号或密码错误，请检查后重试。');
  });

  test('raw account-center keys become sentences', () => {
    for (const code of ['Params.Illegal.User.Password.Policy', 'Operation.Failure.Flow.Type.Mismatch']) {
      const words = describeError(new IdaasServerError({ code, message: code }), 'en');
      expect(words).not.toMatch(/Params|Operation/);
      expect(words).toMatch(/^[A-Z][^.]+\./);
    }
  });

  test('a key with a part the server fills in gets its family sentence', () => {
    const blank = describeError(new IdaasServerError({ code: 'Params.Blank.Something.New', message: 'x' }), 'zh');
    expect(blank).toBe('有必填信息未填写，请补全后重试。');
    expect(describeError(new IdaasServerError({ code: 'HTTP_503', message: 'x', status: 503 }), 'en')).toMatch(/busy/);
    expect(describeError(new IdaasServerError({ code: 'HTTP_404', message: 'x', status: 404 }), 'zh')).toBe(
      '操作失败，请重试。',
    );
  });

  test('an unknown code falls back to the server’s words (without the appended code), then a general sentence', () => {
    const en = new IdaasServerError({
      code: 'IDAAS.SDK.NEW.0001',
      message: 'Your quota is used up (IDAAS.SDK.NEW.0001)',
    });
    expect(describeError(en, 'en')).toBe('Your quota is used up.');
    // The server spoke English: a Chinese screen gets the general Chinese sentence, not English.
    expect(describeError(en, 'zh')).toBe('服务器未能完成请求，请稍后重试。');
    const zh = new IdaasServerError({ code: 'IDAAS.SDK.NEW.0002', message: '配额已用完 (IDAAS.SDK.NEW.0002)' });
    expect(describeError(zh, 'zh')).toBe('配额已用完。');
    // Server words that hold a code or a field name are not shown.
    const raw = new IdaasServerError({ code: 'X.Y', message: 'user_name is blank (X.Y)' });
    expect(describeError(raw, 'en')).toBe('The server could not complete the request. Please try again later.');
    const bare = new IdaasServerError({ code: 'Other.Key', message: 'Other.Key' });
    expect(describeError(bare, 'en')).not.toContain('Other.Key');
  });

  test('the SDK’s own developer text never reaches the user; its kind picks the general sentence', () => {
    const platform = new IdaasPlatformError({ code: 'SOMETHING_NEW', message: 'wx.foo failed: errno 42' });
    expect(describeError(platform, 'en')).toBe('The app could not complete this step. Please try again.');
    expect(describeError(new IdaasNetworkError({ code: 'X_NEW', message: 'DNS' }), 'zh')).toBe(
      '网络不可用，请检查网络连接后重试。',
    );
    expect(
      describeError(new IdaasSessionError({ code: 'SESSION_CHANGED', reason: 'changed', message: 'm' }), 'en'),
    ).toMatch(/repeat/);
    expect(describeError(new Error('boom'), 'en')).toBe('Something went wrong. Please try again.');
    expect(describeError({ toString: () => 'x' }, 'zh')).toBe('出错了，请重试。');
  });

  test.each([
    [() => requireText('', 'verifyCode'), 'Please enter your verification code.', '请输入验证码。'],
    [() => checkFields({ user_name: ' ' }, 'user_name'), 'Please enter your username.', '请输入用户名。'],
    [() => checkFields({ verify_code: '' }, 'verify_code:c'), 'Please enter your verification code.', '请输入验证码。'],
    [() => checkFields({ mobile: 'abc' }, 'mobile:m'), 'The mobile number is not valid.', '手机号格式不正确'],
    [() => checkFields({ email: 'a@' }, 'email:e'), 'The email address is not valid.', '邮箱地址格式不正确'],
    [
      () => checkFields({ mobile: '13800000000', verify_code: '1' }, 'mobile:m verify_code:c'),
      'The verification code is not valid.',
      '验证码格式不正确',
    ],
  ])('a check before sending names what to fix in words (%#)', (action, en, zh) => {
    const error = thrown(action);
    expect(error).toBeInstanceOf(IdaasValidationError);
    expect(describeError(error, 'en')).toContain(en);
    expect(describeError(error, 'zh')).toContain(zh);
    expect(describeError(error, 'en')).not.toMatch(SNAKE_OR_CAMEL);
    expect((error as IdaasValidationError).code).toBe('INVALID_ARGUMENT');
  });

  test('codes named like Object.prototype members get the general sentence', () => {
    for (const code of ['constructor', '__proto__', 'toString', 'hasOwnProperty.x']) {
      expect(describeError(new IdaasServerError({ code, message: code }), 'en')).toBe(
        'The server could not complete the request. Please try again later.',
      );
    }
  });

  test('hostile values still get one sentence in the asked language', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
        getPrototypeOf() {
          throw new Error('no');
        },
      },
    );
    expect(describeError(hostile, 'en')).toBe('Something went wrong. Please try again.');
    expect(describeError(undefined, { toString: () => 'en' } as never)).toMatch(/[\u4e00-\u9fff]|Something/);
  });

  test('a field no person types gets a general sentence, not its name', () => {
    const error = new IdaasValidationError({
      code: 'INVALID_ARGUMENT',
      field: 'point_json',
      message: 'point_json must be…',
    });
    expect(describeError(error, 'en')).toBe('Some information is not valid. Please check what you entered.');
  });
});

describe('the default language follows the host app', () => {
  test.each([
    ['WeChat getAppBaseInfo', () => (globals.wx = { getAppBaseInfo: () => ({ language: 'zh_CN' }) }), 'zh'],
    ['WeChat getAppBaseInfo', () => (globals.wx = { getAppBaseInfo: () => ({ language: 'en' }) }), 'en'],
    [
      'WeChat getSystemInfoSync when getAppBaseInfo throws',
      () =>
        (globals.wx = {
          getAppBaseInfo: () => {
            throw new Error('x');
          },
          getSystemInfoSync: () => ({ language: 'en_US' }),
        }),
      'en',
    ],
    ['Alipay my.env', () => (globals.my = { env: { language: 'en-US' } }), 'en'],
    ['Alipay getSystemInfoSync', () => (globals.my = { getSystemInfoSync: () => ({ language: 'zh-Hans' }) }), 'zh'],
    ['uni-app', () => (globals.uni = { getSystemInfoSync: () => ({ language: 'en' }) }), 'en'],
  ])('%s', (_name, install, expected) => {
    install();
    expect(messageLanguage()).toBe(expected);
    const error = new IdaasServerError({ code: 'IDAAS.SDK.CAPTCHA.0007', message: 'x' });
    expect(describeError(error)).toBe(describeError(error, expected as 'en' | 'zh'));
  });

  test('navigator.language in a browser (Node has one too: read it, do not assume)', () => {
    const browser = (globalThis as { navigator?: { language?: string } }).navigator;
    const expected = browser?.language ? (/^zh/i.test(browser.language) ? 'zh' : 'en') : 'zh';
    expect(messageLanguage()).toBe(expected);
  });

  test('an app that sets a language wins over the host', () => {
    globals.wx = { getAppBaseInfo: () => ({ language: 'zh_CN' }) };
    const error = new IdaasServerError({ code: 'IDAAS.SDK.CAPTCHA.0007', message: 'x' });
    expect(describeError(error, 'en')).toMatch(/verification code/);
  });
});
