/** Entry `idaas-miniprogram/taro`: everything, with `createClient` bound to the Taro instance you pass. */
import { type ClientOptions, createClientFor, type IdaasClient } from './core';
import { typedNow } from './http/pipeline';
import { type TaroLike, taroPlatform } from './platform/taro';

export * from './core';
export { type TaroLike, taroPlatform } from './platform/taro';

/** Options of the Taro `createClient`. */
export interface TaroClientOptions extends ClientOptions {
  /** Your `Taro` import. Passed in, never imported, so the SDK works with any Taro 3/4 build. */
  taro: TaroLike;
}

/**
 * Creates a client for a Taro app (weapp, alipay or h5).
 * @example
 * import Taro from '@tarojs/taro'
 * import { createClient } from 'idaas-miniprogram/taro'
 * const client = createClient({ taro: Taro, baseUrl: 'https://acme.bccastle.com', clientId: 'your-client-id' })
 */
export function createClient(options: TaroClientOptions): IdaasClient {
  // typed(): options of any shape (none, getters that throw) fail as a typed error.
  return typedNow(() => createClientFor(taroPlatform(Object(options).taro), options));
}
