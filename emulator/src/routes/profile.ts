/**
 * §4.9–4.12: profile changes after login (`Authorization: Bearer <id_token>`). The id_token's `api`
 * claim is a snapshot: changes show up in the next id_token (refresh).
 * Choices: `/profile/update` answers 200 with no body, like its documented siblings;
 * update-mobile-by-wechat also replaces a mobile the user already has.
 */
import { empty, type Route } from '../context';
import { ApiError, fail } from '../errors';
import { emailField, mobileField, optionalField, requiredField, sdkSignedIn } from '../guards';
import { assertUserNameFree, readProfileFields } from '../profile-fields';

export const profileRoutes: Route[] = [
  sdkSignedIn('POST', '/profile/update', (ctx, { user }) => {
    const userName = optionalField(ctx, 'user_name');
    if (userName) assertUserNameFree(ctx, userName, user);
    const { name, profile } = readProfileFields(ctx);
    if (userName) user.userName = userName;
    if (name !== undefined) user.name = name;
    Object.assign(user.profile, profile);
    return empty();
  }),

  sdkSignedIn('POST', '/profile/update-mobile', (ctx, { user }) => {
    const mobile = mobileField(ctx);
    const code = requiredField(ctx, 'verify_code');
    const owner = ctx.state.userByMobile(mobile);
    if (owner && owner !== user) fail('IDAAS.SDK.USER.0010');
    if (!ctx.state.otp.verify('sms', mobile, ['UPDATE_MOBILE_SMS'], code)) fail('IDAAS.SDK.CAPTCHA.0007');
    user.mobile = mobile;
    return empty();
  }),

  sdkSignedIn('POST', '/profile/update-email', (ctx, { user }) => {
    const email = emailField(ctx);
    const code = requiredField(ctx, 'verify_code');
    const owner = ctx.state.userByEmail(email);
    if (owner && owner !== user) fail('IDAAS.SDK.USER.0011');
    if (!ctx.state.otp.verify('email', email, ['UPDATE_EMAIL_EMS'], code)) fail('IDAAS.SDK.CAPTCHA.0007');
    user.email = email;
    return empty();
  }),

  // Body key: the example says `wechat_code`, the table `wchat_code`; both accepted.
  sdkSignedIn('POST', '/profile/update-mobile-by-wechat', (ctx, { user }) => {
    const code = requiredField(ctx, 'wechat_code', 'wchat_code');
    const credential = ctx.state.platform.redeem('wechat_phone', code);
    if (!credential) {
      // Documented error body: leading-space code, Chinese message, keys in reverse order.
      if (ctx.settings.quirks.leadingSpaceErrors) {
        throw new ApiError('IDAAS.SDK.LOGIN.1001', [], {
          error_msg: '调用 wechat miniprogram 接口出错',
          error_code: ' IDAAS.SDK.LOGIN.1001',
        });
      }
      fail('IDAAS.SDK.LOGIN.1001', 'wechat miniprogram');
    }
    const owner = ctx.state.userByMobile(credential.subject);
    if (owner && owner !== user) fail('IDAAS.SDK.USER.0010');
    user.mobile = credential.subject;
    return empty();
  }),
];
