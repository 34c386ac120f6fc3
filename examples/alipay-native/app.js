// One client for the whole app: every page and <idaas-phone-login> use getApp().idaas, so there is
// one session and one SDK instance. The Alipay IDE resolves node_modules directly.
import { createClient } from 'idaas-miniprogram/alipay';

App({
  idaas: createClient({
    baseUrl: 'https://your-tenant.bccastle.com', // add it to the server domain allowlist in the Alipay console
    clientId: 'your-client-id', // the app's client id in the IDaaS console
  }),
});
