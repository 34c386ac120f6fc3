const { signInWithMiniProgram, isUserCancelledError } = require('idaas-miniprogram/wechat');

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

  /** wx.login → /login/wechat-miniprogram; a user IDaaS does not know yet gets a continuation. */
  async onMiniProgramLogin() {
    this.setData({ busy: true, error: '' });
    try {
      const result = await signInWithMiniProgram(getApp().idaas);
      if (result.status === 'SUCCESS') return this.onSignedIn();
      if (result.status === 'SOCIAL_BIND' || result.status === 'USER_REGISTER') {
        // The continuation goes in through a method: setData would drop its state token.
        this.setData({ needsPhone: true }, () => this.selectComponent('#phone').setContinuation(result));
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
