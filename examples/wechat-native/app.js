// One client for the whole app: every page and <idaas-phone-login> use getApp().idaas, so there is
// one session and one SDK instance. After Tools → Build npm, require() finds miniprogram_npm/.
const { createClient } = require('idaas-miniprogram/wechat');

App({
  idaas: createClient({
    baseUrl: 'https://your-tenant.bccastle.com', // add it to the request domains in the MP console
    clientId: 'your-client-id', // the app's client id in the IDaaS console
  }),
});
