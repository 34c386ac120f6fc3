/** Entry `idaas-miniprogram/uni`: everything, with `createClient` bound to the `uni` instance you pass. */
import { type ClientOptions, createClientFor, type IdaasClient } from './core';
import { type UniLike, uniPlatform } from './platform/uni';

export * from './core';
export { type UniLike, uniPlatform } from './platform/uni';

/** Options of the uni-app `createClient`. */
export interface UniClientOptions extends ClientOptions {
  /** Your `uni`. Passed in, never read from the global, so the SDK works in any uni-app build. */
  uni: UniLike;
}

/**
 * Creates a client for a uni-app app (mp-weixin, mp-alipay, h5; other targets get SMS, email and
 * password logins and signed-in calls). The runtime is read from `uni` here.
 * @example
 * import { createClient } from 'idaas-miniprogram/uni'
 * const client = createClient({ uni, baseUrl: 'https://acme.bccastle.com', clientId: 'your-client-id' })
 */
export function createClient(options: UniClientOptions): IdaasClient {
  return createClientFor(uniPlatform(Object(options).uni), options);
}
