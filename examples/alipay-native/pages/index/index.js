import { isUserCancelledError, signInWithMiniProgram } from 'idaas-miniprogram/alipay';

Page({
  data: { signedIn: false, expiresAt: '', busy: false, needsPhone: false, error: '' },

  onShow() {
    this.showSession();
  },

  showSession() {
    const info = getApp().idaas.tokens.getSessionInfo();
    this.setData({
      signedIn: !!info,
      expiresAt: info ? new Date(info.sessionExpiresAt).toLocaleString() : '',
    });
  },

  /** ref (base library 1.18.0) hands over the component instance. */
  savePhone(ref) {
    this.phone = ref;
    if (ref && this.continuation) ref.setContinuation(this.continuation);
  },

  /** my.getAuthCode (silent auth_base) → /login/alipay-miniprogram; a new user gets a continuation. */
  async onMiniProgramLogin() {
    this.setData({ busy: true, error: '' });
    try {
      const result = await signInWithMiniProgram(getApp().idaas);
      if (result.status === 'SUCCESS') return this.onSignedIn();
      if (result.status === 'SOCIAL_BIND' || result.status === 'USER_REGISTER') {
        // The continuation goes in through a method: setData would drop its state token.
        this.continuation = result;
        if (this.phone) this.phone.setContinuation(result);
        this.setData({ needsPhone: true });
        return;
      }
      this.setData({ error: '无法登录：' + result.status });
    } catch (error) {
      if (!isUserCancelledError(error)) this.setData({ error: error.message });
    } finally {
      this.setData({ busy: false });
    }
  },

  onSignedIn() {
    this.continuation = null;
    this.setData({ needsPhone: false });
    this.showSession();
  },

  onPhoneFailed(event) {
    if (!event.detail.cancelled) this.setData({ error: event.detail.message });
  },

  async onLogout() {
    await getApp().idaas.logout();
    this.showSession();
  },
});
