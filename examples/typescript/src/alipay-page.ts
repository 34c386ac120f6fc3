// A native Alipay page in TypeScript with @mini-types/alipay: my.getPhoneNumber's own result type
// goes to the SDK with no cast.
import {
  type BindContinuation,
  completeWithAlipayPhone,
  createClient,
  type IdaasClient,
  signInWithMiniProgram,
} from 'idaas-miniprogram/alipay';

const idaas: IdaasClient = createClient({ baseUrl: 'https://your-tenant.bccastle.com', clientId: 'your-client-id' });
App({ idaas });

let continuation: BindContinuation | null = null;

Page({
  async onLoad() {
    const result = await signInWithMiniProgram(idaas, { scopes: 'auth_base' });
    if (result.status === 'SOCIAL_BIND' || result.status === 'USER_REGISTER') continuation = result;
  },
  /** onGetAuthorize of <button open-type="getAuthorize" scope="phoneNumber">. */
  onGetAuthorize() {
    my.getPhoneNumber({
      success: async (answer) => {
        if (!continuation) return;
        // The SDK calls my.getPhoneNumber itself when not given the response; here the app did.
        const result = await completeWithAlipayPhone(idaas, continuation, answer.response);
        if (result.status === 'SUCCESS') my.reLaunch({ url: '/pages/home/index' });
      },
    });
  },
  onWrong() {
    if (!continuation) return;
    // @ts-expect-error the whole answer object is not the encrypted response string
    my.getPhoneNumber({ success: (answer) => completeWithAlipayPhone(idaas, continuation!, answer) });
  },
});
