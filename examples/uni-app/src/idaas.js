// The app's one client. `uni` is passed in (the SDK never reads a global), and the SDK reads which
// runtime it is on from it: mp-weixin and mp-alipay get mini-program login; h5 and the other
// targets get SMS, email and password logins (signInWithMiniProgram rejects UNSUPPORTED_PLATFORM).
import { createClient } from 'idaas-miniprogram/uni';

const settings = { baseUrl: 'https://your-tenant.bccastle.com', clientId: 'your-client-id' };
let host = uni;

// #ifdef H5
// On h5 this example also takes `?idaas=<url>&client=<id>` (its CI points it at a local emulator).
const query = new URLSearchParams(window.location.search);
settings.baseUrl = query.get('idaas') || settings.baseUrl;
settings.clientId = query.get('client') || settings.clientId;
// uni-app's h5 build turns each `uni.xxx` in your code into an import of that one API and leaves the
// global `uni` empty, so `uni` itself has no request or storage there: name the members the SDK
// uses, which puts them in the bundle. (The mini-program builds' `uni` is complete.)
host = {
  request: uni.request,
  login: uni.login,
  getStorageSync: uni.getStorageSync,
  setStorageSync: uni.setStorageSync,
  removeStorageSync: uni.removeStorageSync,
  getAppBaseInfo: uni.getAppBaseInfo,
  getSystemInfoSync: uni.getSystemInfoSync,
  getDeviceInfo: uni.getDeviceInfo,
  getRandomValues({ length, success }) {
    const bytes = new Uint8Array(length);
    window.crypto.getRandomValues(bytes);
    if (success) success({ randomValues: bytes.buffer });
  },
};
// #endif

export const idaas = createClient({ uni: host, ...settings });
