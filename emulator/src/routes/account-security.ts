/**
 * Account center §1, §2.1–2.4: token check, operation check and two-factor authentication.
 * The fId flow is described in account-center/flows.ts; failures in account-center/envelope.ts.
 */

import { acFail, acOk, blank, DOCUMENTED, EMULATOR, illegal, requestId } from '../account-center/envelope';
import { isOperateType } from '../account-center/flows';
import { accountRoute, needParam, needPassword, param } from '../account-center/route';
import {
  channelOf,
  countFailure,
  fIdTtl,
  flowData,
  needsTwoFactor,
  requireFlow,
  sendAccountCode,
} from '../account-center/steps';
import type { Route } from '../context';

export const accountSecurityRoutes: Route[] = [
  /** Documented: `code` is the number 200 here and `message`/`data` are null. */
  accountRoute('GET', '/token/check', (ctx) => ({
    status: 200,
    body: { success: true, code: 200, message: null, requestId: requestId(ctx.clock.now()), data: null },
  })),

  /** `?operateType=` UPDATE_PASSWORD | UPDATE_PHONE | UPDATE_EMAIL | UNSUBSCRIBE (the last three are the emulator's names). */
  accountRoute('GET', '/operate_check', (ctx, { user }) => {
    const operateType = ctx.query.get('operateType')?.trim();
    if (!operateType) acFail(blank('Operate.Type'));
    if (!isOperateType(operateType)) acFail(illegal('Operate.Type'));
    const flow = ctx.state.accountCenter.flows.start(
      {
        userId: user.id,
        clientId: ctx.clientId,
        operation: operateType,
        stage: needsTwoFactor(ctx, user) ? { step: 'two_factor' } : { step: 'ready' },
      },
      fIdTtl(ctx),
    );
    return acOk(ctx, flowData(flow));
  }),

  /**
   * Sends a 2FA code to the user's own mobile (`SMS`) or email (`EMAIL`). Also a resend: a fId from
   * an earlier obtain_code is accepted (and may switch the channel).
   */
  accountRoute('POST', '/2fa/obtain_code', (ctx, { user }) => {
    const flow = requireFlow(ctx, user, ['two_factor', 'two_factor_sent']);
    const channel = channelOf(param(ctx, 'type', 'Type'));
    const to = channel === 'sms' ? user.mobile : channel === 'email' ? user.email : undefined;
    if (!channel || !to) acFail(DOCUMENTED.unsupport2faType);
    sendAccountCode(ctx, channel, to, channel === 'sms' ? 'ACCOUNT_2FA_SMS' : 'ACCOUNT_2FA_EMS');
    const next = ctx.state.accountCenter.flows.next(flow, { step: 'two_factor_sent', channel, to }, fIdTtl(ctx));
    return acOk(ctx, { fId: next.fId });
  }),

  /**
   * `SMS`/`EMAIL` + `code`: the code sent by obtain_code on that channel (without one: a skipped
   * step). `PWD` + `password`: the user's password, straight after operate_check or instead of a
   * sent code. Success: the next fId with the operation's flowType.
   */
  accountRoute('POST', '/2fa/verify_code', (ctx, { user }) => {
    const flow = requireFlow(ctx, user, ['two_factor', 'two_factor_sent']);
    const type = needParam(ctx, 'type', 'Type');
    const channel = channelOf(type);
    if (type === 'PWD') {
      if (user.password === null) acFail(DOCUMENTED.unsupported2faType);
      if (needPassword(ctx, 'password', 'Password') !== user.password) {
        countFailure(ctx, flow);
        acFail(DOCUMENTED.passwordError);
      }
    } else if (channel) {
      if (flow.stage.step !== 'two_factor_sent' || flow.stage.channel !== channel) acFail(EMULATOR.flowMismatch);
      const code = needParam(ctx, 'code', 'Code');
      const otpType = channel === 'sms' ? 'ACCOUNT_2FA_SMS' : 'ACCOUNT_2FA_EMS';
      if (!ctx.state.otp.verify(channel, flow.stage.to, [otpType], code)) {
        countFailure(ctx, flow);
        acFail(EMULATOR.codeError);
      }
    } else {
      acFail(DOCUMENTED.unsupported2faType);
    }
    const next = ctx.state.accountCenter.flows.next(flow, { step: 'ready' }, fIdTtl(ctx));
    return acOk(ctx, flowData(next));
  }),
];
