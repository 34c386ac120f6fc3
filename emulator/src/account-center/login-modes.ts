/**
 * `loginMode` of a login-history entry, from the SDK route that signed the user in. The seed shows
 * only `SMS`; the other names are the emulator's. Routes not listed get their path in upper snake
 * case (`/social/wechat-mobile-bind` → `SOCIAL_WECHAT_MOBILE_BIND`).
 */
const MODES: Record<string, string> = {
  '/login': 'PASSWORD',
  '/login/mobile-pwd': 'PASSWORD',
  '/login/email-pwd': 'PASSWORD',
  '/login/auth': 'PASSWORD',
  '/pwd/skip-update': 'PASSWORD',
  '/pwd/update': 'PASSWORD',
  '/login/mobile-verify-code': 'SMS',
  '/register/mobile-verify-code': 'SMS',
  '/login/email-verify-code': 'EMAIL',
  '/register/email-verify-code': 'EMAIL',
  '/mfa/sms': 'MFA_SMS',
  '/mfa/email': 'MFA_EMAIL',
  '/login/wechat-miniprogram': 'WECHAT_MINIPROGRAM',
  '/login/alipay-miniprogram': 'ALIPAY_MINIPROGRAM',
  '/login/wechat': 'WECHAT',
  '/login/alipay': 'ALIPAY',
  '/login/apple': 'APPLE',
  '/login/qq': 'QQ',
  '/login/weibo': 'WEIBO',
};

export function loginModeOf(path: string): string {
  const route = path.replace(/^\/api\/v\d+\/sdk/, '');
  return (
    MODES[route] ??
    route
      .slice(1)
      .replace(/[^a-zA-Z0-9]+/g, '_')
      .toUpperCase()
  );
}
