/** Entry `idaas-miniprogram/wechat`: everything, with `createClient` bound to native WeChat (`wx`). */
import { type ClientOptions, createClientFor, type IdaasClient } from './core';
import { typedNow } from './http/pipeline';
import { type WxLike, wechatPlatform } from './platform/wechat';

export * from './core';
export { type WxLike, wechatPlatform } from './platform/wechat';

/** Options of the WeChat `createClient`. */
export interface WechatClientOptions extends ClientOptions {
  /** The `wx` object; the global one by default. */
  wx?: WxLike;
}

/**
 * Creates a client for a native WeChat mini program.
 * @example
 * import { createClient } from 'idaas-miniprogram/wechat'
 * const client = createClient({ baseUrl: 'https://acme.bccastle.com', clientId: 'your-client-id' })
 */
export function createClient(options: WechatClientOptions): IdaasClient {
  // typed(): options of any shape (none, getters that throw) fail as a typed error.
  return typedNow(() => createClientFor(wechatPlatform(Object(options).wx), options));
}
