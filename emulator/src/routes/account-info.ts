/**
 * Account center §3: personal information, login history and privacy-terms consents.
 * - `PUT /info` needs `uuid` = the signed-in user's id (`Params.Blank.User.Uuid` when missing,
 *   `Operation.Failure.User.Not.Exist` otherwise); rules in account-center/info-update.ts.
 * - The login history is recorded by every successful `/api/v2/sdk` login (login-flow.ts
 *   `issueLogin`), newest first, the last 100 per user; the seed documents no paging, so there is none.
 * - Consents come from the seed; recall (`uuid` = the record's `recordUuid` or its terms `uuid`)
 *   marks one recalled and `get_agree_records` stops listing it.
 */
import { acFail, acOk, DOCUMENTED, EMULATOR } from '../account-center/envelope';
import { updatePersonalInfo } from '../account-center/info-update';
import { accountRoute, needParam } from '../account-center/route';
import { consentItem, loginHistoryItem, personalInfo } from '../account-center/views';
import type { Route } from '../context';

export const accountInfoRoutes: Route[] = [
  accountRoute('GET', '/info', (ctx, { user }) => acOk(ctx, personalInfo(ctx, user))),

  accountRoute('PUT', '/info', (ctx, { user }) => {
    if (needParam(ctx, 'uuid', 'User.Uuid') !== user.id) acFail(DOCUMENTED.userNotExist);
    updatePersonalInfo(ctx, user);
    return acOk(ctx, null);
  }),

  accountRoute('GET', '/login/history/list', (ctx, { user }) =>
    acOk(ctx, { historys: ctx.state.accountCenter.historyOf(user.id).map(loginHistoryItem) }),
  ),

  accountRoute('GET', '/get_agree_records', (ctx, { user }) =>
    acOk(
      ctx,
      ctx.state.accountCenter.consentsOf(user.id).map((c) => consentItem(ctx, c)),
    ),
  ),

  accountRoute('POST', '/agree_records/recall', (ctx, { user }) => {
    const uuid = needParam(ctx, 'uuid', 'Uuid');
    if (!ctx.state.accountCenter.recallConsent(user.id, uuid)) acFail(EMULATOR.agreeRecordNotExist);
    return acOk(ctx, null);
  }),
];
