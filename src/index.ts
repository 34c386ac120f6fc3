/**
 * idaas-miniprogram: the whole public surface. `./core` is everything platform-neutral (client,
 * errors, token manager types, codecs); below it are the three runtime adapters and a
 * `createClient` that detects the runtime. Apps that target one runtime import
 * `idaas-miniprogram/wechat`, `/alipay` or `/taro` instead, which bundle only their adapter.
 */
import { type ClientOptions, createClientFor, type IdaasClient } from './client';
import { typedNow } from './http/pipeline';
import { detectPlatform } from './platform/detect';
import type { Platform } from './platform/types';

export * from './core';
export { alipayPlatform, type MyLike } from './platform/alipay';
export { detectPlatform } from './platform/detect';
export { type TaroLike, taroPlatform } from './platform/taro';
export { type WxLike, wechatPlatform } from './platform/wechat';

/** `createClient` options on the generic entry: the platform is detected unless given. */
export interface AutoClientOptions extends ClientOptions {
  /** The runtime adapter; detected (`wx`, then `my`) when omitted. Taro apps pass `taroPlatform(Taro)`. */
  platform?: Platform;
}

/**
 * Creates a client, detecting WeChat or Alipay when no platform is given. Apps that target one
 * runtime should import `createClient` from `idaas-miniprogram/wechat` (or `/alipay`, `/taro`)
 * to bundle only that adapter.
 * @example
 * import { createClient } from 'idaas-miniprogram'
 * const client = createClient({ baseUrl: 'https://acme.bccastle.com', clientId: 'your-client-id' })
 */
export function createClient(options: AutoClientOptions): IdaasClient {
  // typedNow(): options of any shape (none, getters that throw) fail as a typed error.
  return typedNow(() => createClientFor(Object(options).platform || detectPlatform(), options));
}
