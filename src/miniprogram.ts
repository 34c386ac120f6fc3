/**
 * `idaas-miniprogram` inside miniprogram_dist, the folder WeChat DevTools' "Build npm" copies into a
 * WeChat app: the generic entry with WeChat as the only runtime it knows, so a WeChat app carries
 * no other runtime's adapter. (Everywhere else the generic entry is src/index.ts.)
 */
import { type ClientOptions, createClientFor, type IdaasClient } from './client';
import type { Platform } from './platform/types';
import { wechatPlatform } from './platform/wechat';

export * from './core';
export { type WxLike, wechatPlatform } from './platform/wechat';

/**
 * The platform of the current runtime: in a WeChat app, WeChat.
 * @throws IdaasPlatformError `PLATFORM_UNAVAILABLE` when there is no usable `wx`.
 * @example
 * const client = createClient({ baseUrl, clientId, platform: detectPlatform() })
 */
export function detectPlatform(): Platform {
  return wechatPlatform();
}

/**
 * Creates a client on the platform given, else WeChat's.
 * @example
 * import { createClient } from 'idaas-miniprogram'
 * const client = createClient({ baseUrl: 'https://acme.bccastle.com', clientId: 'your-client-id' })
 */
export function createClient(options: ClientOptions & { platform?: Platform }): IdaasClient {
  return createClientFor(Object(options).platform || wechatPlatform(), options);
}
