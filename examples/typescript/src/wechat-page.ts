// A native WeChat page in TypeScript: WeChat's own event type goes to the SDK's phone functions
// as it is, with no cast.
import {
  type BindContinuation,
  completeWithWechatPhone,
  createClient,
  type IdaasClient,
  type LoginResult,
  signInWithMiniProgram,
  signInWithWechatPhone,
  updateMobileByWechat,
} from 'idaas-miniprogram/wechat';

interface AppData {
  idaas: IdaasClient;
}

App<AppData>({ idaas: createClient({ baseUrl: 'https://your-tenant.bccastle.com', clientId: 'your-client-id' }) });

let continuation: BindContinuation | null = null;

function remember(result: LoginResult): void {
  if (result.status === 'SOCIAL_BIND' || result.status === 'USER_REGISTER') continuation = result;
}

Page({
  async onLoad() {
    remember(await signInWithMiniProgram(getApp<AppData>().idaas));
  },
  /** bindgetphonenumber: WechatMiniprogram.ButtonGetPhoneNumber straight into the SDK. */
  async onGetPhoneNumber(event: WechatMiniprogram.ButtonGetPhoneNumber) {
    const client = getApp<AppData>().idaas;
    const result = continuation
      ? await completeWithWechatPhone(client, continuation, event)
      : await signInWithWechatPhone(client, event);
    if (result.status === 'SUCCESS') wx.reLaunch({ url: '/pages/home/index' });
  },
  /** The same button on a profile page: change the account's mobile to WeChat's. */
  async onChangeMobile(event: WechatMiniprogram.ButtonGetPhoneNumber) {
    await updateMobileByWechat(getApp<AppData>().idaas, event.detail);
  },
  async onTapWrong(event: WechatMiniprogram.TouchEvent) {
    // @ts-expect-error a number is neither the event, its detail nor the code: the types say so
    await signInWithWechatPhone(getApp<AppData>().idaas, event.timeStamp);
  },
});
