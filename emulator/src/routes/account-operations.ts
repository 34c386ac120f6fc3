/**
 * Account center §2.5–2.7, §2.11: what a `ready` fId unlocks (see account-center/flows.ts).
 * - change_pwd: refuses the current password and the `accountCenter.passwordHistory` earlier ones
 *   (documented `Params.Illegal.User.Password.Same.Old`), then the tenant policy. Sessions survive.
 * - change_phone_or_email: the code goes to the NEW address, which nobody (the user included) may
 *   hold; verify_code sets it.
 * - unsubscribe: deletes the user like `/api/v2/sdk/logoff` (bindings, sessions, id_tokens,
 *   account-center data).
 * Failed attempts leave the fId usable (wrong codes count towards `maxVerifyAttempts`).
 */
import { acFail, acOk, DOCUMENTED, EMULATOR, illegal } from '../account-center/envelope';
import { accountRoute, needParam, needPassword, param } from '../account-center/route';
import { channelOf, countFailure, fIdTtl, requireFlow, sendAccountCode } from '../account-center/steps';
import type { RequestContext, Route } from '../context';
import { normalizeEmail, normalizeMobile } from '../normalize';
import type { OtpChannel } from '../otp';
import { meetsPasswordPolicy } from '../password-policy';
import type { User } from '../state';

/** `phoneNumber` (+ optional `phoneRegion`, default the tenant's area code) or `email`, canonical. */
function newAddress(ctx: RequestContext, channel: OtpChannel): string {
  if (channel === 'email') {
    const email = normalizeEmail(needParam(ctx, 'email', 'Email'));
    return email ?? acFail(illegal('Email'));
  }
  const number = needParam(ctx, 'phoneNumber', 'Phone.Number');
  const region = param(ctx, 'phoneRegion', 'Phone.Region')?.replace(/^\+/, '');
  const mobile =
    region && !number.startsWith('+')
      ? normalizeMobile(`+${region}-${number}`, ctx.settings.defaultAreaCode)
      : normalizeMobile(number, ctx.settings.defaultAreaCode);
  return mobile ?? acFail(illegal('Phone.Number'));
}

function assertFree(ctx: RequestContext, channel: OtpChannel, to: string): void {
  const owner = channel === 'sms' ? ctx.state.userByMobile(to) : ctx.state.userByEmail(to);
  if (owner) acFail(channel === 'sms' ? EMULATOR.phoneTaken : EMULATOR.emailTaken);
}

/** `type` SMS/EMAIL; `Params.Illegal.Type` otherwise. */
function typeChannel(ctx: RequestContext): OtpChannel {
  return channelOf(needParam(ctx, 'type', 'Type')) ?? acFail(illegal('Type'));
}

const updateType = (channel: OtpChannel) => (channel === 'sms' ? 'ACCOUNT_UPDATE_SMS' : 'ACCOUNT_UPDATE_EMS');

function setAddress(user: User, channel: OtpChannel, to: string): void {
  if (channel === 'sms') user.mobile = to;
  else user.email = to;
}

export const accountOperationRoutes: Route[] = [
  accountRoute('PUT', '/change_pwd', (ctx, { user }) => {
    const flow = requireFlow(ctx, user, ['ready'], ['UPDATE_PASSWORD']);
    const password = needPassword(ctx, 'newPassword', 'New.Password');
    const history = ctx.settings.accountCenter.passwordHistory;
    if (ctx.state.accountCenter.isRecentPassword(user.id, user.password, password, history))
      acFail(DOCUMENTED.passwordSameOld);
    if (!meetsPasswordPolicy(ctx.settings.passwordPolicy, password)) acFail(EMULATOR.passwordPolicy);
    ctx.state.setPassword(user, password);
    ctx.state.accountCenter.flows.consume(flow);
    return acOk(ctx, null);
  }),

  /**
   * `type` SMS (operation UPDATE_PHONE) or EMAIL (UPDATE_EMAIL); the other type is a flow mismatch.
   * Also a resend (a fId from an earlier obtain_code, possibly with another address).
   */
  accountRoute('POST', '/change_phone_or_email/obtain_code', (ctx, { user }) => {
    const flow = requireFlow(ctx, user, ['ready', 'change_sent'], ['UPDATE_PHONE', 'UPDATE_EMAIL']);
    const channel = typeChannel(ctx);
    if ((channel === 'sms') !== (flow.operation === 'UPDATE_PHONE')) acFail(EMULATOR.flowMismatch);
    const to = newAddress(ctx, channel);
    assertFree(ctx, channel, to);
    sendAccountCode(ctx, channel, to, updateType(channel));
    const next = ctx.state.accountCenter.flows.next(flow, { step: 'change_sent', channel, to }, fIdTtl(ctx));
    return acOk(ctx, { fId: next.fId });
  }),

  accountRoute('POST', '/change_phone_or_email/verify_code', (ctx, { user }) => {
    const flow = requireFlow(ctx, user, ['change_sent']);
    if (flow.stage.step !== 'change_sent') acFail(EMULATOR.flowMismatch);
    const { channel, to } = flow.stage;
    if (typeChannel(ctx) !== channel) acFail(illegal('Type'));
    // Documented as optional, but there is nothing to verify without it.
    const code = needParam(ctx, 'code', 'Code');
    if (!ctx.state.otp.verify(channel, to, [updateType(channel)], code)) {
      countFailure(ctx, flow);
      acFail(EMULATOR.codeError);
    }
    assertFree(ctx, channel, to);
    setAddress(user, channel, to);
    ctx.state.accountCenter.flows.consume(flow);
    return acOk(ctx, null);
  }),

  accountRoute('POST', '/unsubscribe', (ctx, { user }) => {
    const flow = requireFlow(ctx, user, ['ready'], ['UNSUBSCRIBE']);
    ctx.state.accountCenter.flows.consume(flow);
    ctx.state.deleteUser(user.id);
    return acOk(ctx, null);
  }),
];
