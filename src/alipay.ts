/** Entry `idaas-miniprogram/alipay`: everything, with `createClient` bound to native Alipay (`my`). */
import { type ClientOptions, createClientFor, type IdaasClient } from './core';
import { typedNow } from './http/pipeline';
import { alipayPlatform, type MyLike } from './platform/alipay';

export * from './core';
export { alipayPlatform, type MyLike } from './platform/alipay';

/** Options of the Alipay `createClient`. */
export interface AlipayClientOptions extends ClientOptions {
  /** The `my` object; the global one by default. */
  my?: MyLike;
}

/**
 * Creates a client for a native Alipay mini program.
 * @example
 * import { createClient } from 'idaas-miniprogram/alipay'
 * const client = createClient({ baseUrl: 'https://acme.bccastle.com', clientId: 'your-client-id' })
 */
export function createClient(options: AlipayClientOptions): IdaasClient {
  // typed(): options of any shape (none, getters that throw) fail as a typed error.
  return typedNow(() => createClientFor(alipayPlatform(Object(options).my), options));
}
