/** What the account-security steps share: finding the fId's flow, the 2FA decision, sending codes. */
import type { RequestContext } from '../context';
import { languageOf } from '../errors';
import type { OtpChannel, OtpType } from '../otp';
import type { User } from '../state';
import { acFail, blank, EMULATOR } from './envelope';
import { type Flow, type FlowStep, OPERATIONS, type OperateType } from './flows';
import { param } from './route';

/**
 * The live flow of the body's `fId` for `user`, at one of `steps` (and for one of `operations`).
 * Missing → `Params.Blank.FId`; unknown, used or another user's → `FId.Not.Exist`; expired →
 * `FId.Expired`; another step or operation (a skipped step) → `Flow.Type.Mismatch`.
 */
export function requireFlow(
  ctx: RequestContext,
  user: User,
  steps: readonly FlowStep[],
  operations?: readonly OperateType[],
): Flow {
  const fId = param(ctx, 'fId', 'FId') ?? acFail(blank('FId'));
  const found = ctx.state.accountCenter.flows.lookup(fId, user.id);
  if ('problem' in found) acFail(found.problem === 'expired' ? EMULATOR.fIdExpired : EMULATOR.fIdUnknown);
  const { flow } = found;
  if (!steps.includes(flow.stage.step) || (operations && !operations.includes(flow.operation)))
    acFail(EMULATOR.flowMismatch);
  return flow;
}

/** `{fId, flowType, additional}` as operate_check and 2fa/verify_code answer. */
export function flowData(flow: Flow): Record<string, unknown> {
  const flowType = flow.stage.step === 'two_factor' ? 'NEED_TWO_FACTOR' : OPERATIONS[flow.operation];
  return { fId: flow.fId, flowType, additional: null };
}

/** Tenant `accountCenter.twoFactor`: `auto` = the user has something to prove (mobile, email or password). */
export function needsTwoFactor(ctx: RequestContext, user: User): boolean {
  const mode = ctx.settings.accountCenter.twoFactor;
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return user.mobile !== undefined || user.email !== undefined || user.password !== null;
}

/** `SMS` / `EMAIL` → the OTP channel; anything else undefined. */
export const channelOf = (type: string | undefined): OtpChannel | undefined =>
  type === 'SMS' ? 'sms' : type === 'EMAIL' ? 'email' : undefined;

/**
 * A code to the outbox (reusing the OTP service: expiry, attempts, throttling). `language` in the
 * body picks the text's language (default: `X-L`). `captchaCode`/`captchaText`/`engineCode` are
 * accepted and ignored: the emulator never requires a captcha here.
 */
export function sendAccountCode(ctx: RequestContext, channel: OtpChannel, to: string, type: OtpType): void {
  if (ctx.state.otp.refusal(channel, to, ctx.settings.otp)) acFail(EMULATOR.sendTooFrequent);
  const language = param(ctx, 'language', 'Language');
  ctx.state.otp.send({
    channel,
    to,
    type,
    clientId: ctx.clientId,
    lang: languageOf(language, ctx.lang),
    otp: ctx.settings.otp,
  });
}

/** Counts a wrong code/password against the fId (burnt at `accountCenter.maxVerifyAttempts`). */
export function countFailure(ctx: RequestContext, flow: Flow): void {
  ctx.state.accountCenter.flows.recordFailure(flow, ctx.settings.accountCenter.maxVerifyAttempts);
}

export const fIdTtl = (ctx: RequestContext): number => ctx.settings.accountCenter.fIdTtlSeconds;
