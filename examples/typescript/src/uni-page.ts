// uni-app in TypeScript with @dcloudio/types: uni's own global, typed by uni, goes to
// createClient as it is, and uni's login result shape is what the SDK reads.
import { createClient, type IdaasClient, signInWithMiniProgram, signInWithWechatPhone } from 'idaas-miniprogram/uni';

export const idaas: IdaasClient = createClient({
  uni,
  baseUrl: 'https://your-tenant.bccastle.com',
  clientId: 'your-client-id',
});

export async function miniProgramLogin(): Promise<boolean> {
  const result = await signInWithMiniProgram(idaas);
  return result.status === 'SUCCESS';
}

/** @getphonenumber of <button open-type="getPhoneNumber"> on mp-weixin: uni hands over WeChat's detail. */
export async function onGetPhoneNumber(event: { detail: { errMsg: string; code?: string } }): Promise<void> {
  await signInWithWechatPhone(idaas, event);
}

// @ts-expect-error createClient needs your uni: the SDK never reads a global
createClient({ baseUrl: 'https://your-tenant.bccastle.com', clientId: 'your-client-id' });
