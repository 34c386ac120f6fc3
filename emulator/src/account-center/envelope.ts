/**
 * The account center's answers (seed 001):
 * - `{success, code, message, requestId, data}`; success is `code`/`message` `"Operation.Success"`;
 * - a failure is `success: false` with a category in `code` ("Operation.Failure", "Params.Illegal",
 *   "Params.Blank") and the precise key in `message`, `data: null`;
 * - a bad token is the OAuth shape `{"error": "invalid_token", "error_description": "Invalid access token: …"}`.
 *
 * HTTP status (the seed shows bodies only): failures answer **200** with `success: false`
 * (tenant setting `accountCenter.failureHttpStatus`), internal errors 500, a bad token **401**
 * (what an OAuth resource server answers with `invalid_token`).
 */
import type { Reply, RequestContext } from '../context';
import type { ApiError } from '../errors';
import type { TenantSettings } from '../settings';
import { newUuid } from './store';

export type Failure = readonly [code: string, message: string];

/** Failures the seed documents, verbatim (note both spellings of the unsupported-2FA message). */
export const DOCUMENTED = {
  /** 2fa/obtain_code with a method the user cannot receive codes by. */
  unsupport2faType: ['Params.Illegal', 'Operation.Failure.Unsupport.2fa.Type'],
  /** 2fa/verify_code with an unknown method (or PWD for a user without password). */
  unsupported2faType: ['Operation.Failure', 'Operation.Failure.Unsupported.2fa.Type'],
  passwordError: ['Operation.Failure', 'Operation.Failure.User.Password.Error'],
  passwordSameOld: ['Operation.Failure', 'Params.Illegal.User.Password.Same.Old'],
  // The social and gesture tables give the message only; the category is the emulator's choice.
  hasBindOther: ['Operation.Failure', 'Operation.Failure.User.Has.Bind.Other.Authentication'],
  socialIdTaken: ['Operation.Failure', 'Params.Exist.SocialUser.SocialId'],
  socialNotBound: ['Operation.Failure', 'Operation.Failure.Social.Not.Bind.Over.Error'],
  gestureSignBlank: ['Params.Blank', 'Params.Blank.Gesture.Sign'],
  usernameBlank: ['Params.Blank', 'Params.Blank.User.Username'],
  userNotExist: ['Operation.Failure', 'Operation.Failure.User.Not.Exist'],
  gestureSignError: ['Operation.Failure', 'OPERATION_FAILURE_GESTURE_SIGN_ERROR'],
  internal: ['Operation.Failure', 'Operation.Failure.Service.Internal.Error'],
} as const satisfies Record<string, Failure>;

/** The emulator's own failures where the seed is silent, shaped like the documented ones. */
export const EMULATOR = {
  fIdUnknown: ['Operation.Failure', 'Operation.Failure.FId.Not.Exist'],
  fIdExpired: ['Operation.Failure', 'Operation.Failure.FId.Expired'],
  /** A live fId used for another step or another operation (a skipped step). */
  flowMismatch: ['Operation.Failure', 'Operation.Failure.Flow.Type.Mismatch'],
  codeError: ['Operation.Failure', 'Operation.Failure.Verify.Code.Error'],
  sendTooFrequent: ['Operation.Failure', 'Operation.Failure.Send.Code.Too.Frequent'],
  passwordPolicy: ['Params.Illegal', 'Params.Illegal.User.Password.Policy'],
  phoneTaken: ['Operation.Failure', 'Params.Exist.User.Phone'],
  emailTaken: ['Operation.Failure', 'Params.Exist.User.Email'],
  socialCodeInvalid: ['Operation.Failure', 'Operation.Failure.Social.Auth.Code.Invalid'],
  notModifiable: ['Operation.Failure', 'Operation.Failure.Attribute.Not.Modifiable'],
  valueTaken: ['Operation.Failure', 'Params.Exist.Attribute.Value'],
  agreeRecordNotExist: ['Operation.Failure', 'Operation.Failure.Agree.Record.Not.Exist'],
  badBody: ['Params.Illegal', 'Params.Illegal.Request.Body'],
} as const satisfies Record<string, Failure>;

/** `Params.Blank.<What>` for a missing parameter. */
export const blank = (what: string): Failure => ['Params.Blank', `Params.Blank.${what}`];
/** `Params.Illegal.<What>` for a malformed one. */
export const illegal = (what: string): Failure => ['Params.Illegal', `Params.Illegal.${what}`];

/** Thrown by account-center handlers; the route wrapper turns it into the failure envelope. */
export class AccountCenterFailure extends Error {
  constructor(
    readonly failure: Failure,
    readonly httpStatus?: number,
  ) {
    super(failure[1]);
    this.name = 'AccountCenterFailure';
  }
}

export function acFail(failure: Failure): never {
  throw new AccountCenterFailure(failure);
}

/** `1655084314822$73399b3e-0239-0de0-6ac9-bf764400b851`: epoch ms (emulator clock), `$`, a UUID. */
export const requestId = (now: number): string => `${now}$${newUuid()}`;

export function acOk(ctx: RequestContext, data: unknown = null): Reply {
  return {
    status: 200,
    body: {
      success: true,
      code: 'Operation.Success',
      message: 'Operation.Success',
      requestId: requestId(ctx.clock.now()),
      data,
    },
  };
}

export function failureReply(now: number, settings: TenantSettings, failure: Failure, httpStatus?: number): Reply {
  return {
    status: httpStatus ?? settings.accountCenter.failureHttpStatus,
    body: { success: false, code: failure[0], message: failure[1], requestId: requestId(now), data: null },
  };
}

/**
 * 401 `invalid_token`. The description quotes the token like the seed's
 * `eyJhbGciOiJIU ... ... WJferRYl0` (13 leading and 9 trailing characters); a missing token quotes nothing.
 */
export function invalidToken(token: string | undefined): Reply {
  const t = token ?? '';
  const quoted = t.length > 30 ? `${t.slice(0, 13)} ... ... ${t.slice(-9)}` : t;
  return {
    status: 401,
    body: { error: 'invalid_token', error_description: `Invalid access token: ${quoted}`.trim() },
  };
}

/** Failures outside a handler: an unparsable body, or an emulator bug (500, `Service.Internal.Error`). */
export function mapAccountCenterError(err: ApiError, env: { now: number; settings: TenantSettings }): Reply {
  if (err.code === 'IDAAS.SDK.COM.0002') return failureReply(env.now, env.settings, DOCUMENTED.internal, 500);
  return failureReply(env.now, env.settings, EMULATOR.badBody);
}
