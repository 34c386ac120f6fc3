/**
 * Entry `idaas-miniprogram/account-center`: the account-center API
 * (`/api/bff/v1.2/developer/ciam/user/*`, seed 001): token check, the fId-driven account-security
 * flows (2FA, change password, change phone or email, delete account), social bindings, gesture
 * login, personal information, login history and consent records.
 *
 * Its own entry because it is a separate API, often on its own host, that many apps never use.
 * Answers come in the `{success, code, message, requestId, data}` envelope; the pipeline maps
 * failures to `IdaasServerError` with the precise key as `code`, and an OAuth `invalid_token`
 * makes it refresh the id_token once and retry.
 */
import type { IdaasClient } from './client';
import { IdaasServerError, IdaasValidationError } from './errors';
import { normalizeBaseUrl } from './http/url';
import type { HttpMethod } from './platform/types';
import type { Route } from './routes/route';
import { checkEnum, requireText } from './util/validate';

/** Operations that go through operate_check. Only UPDATE_PASSWORD is documented; the others are the likely names. */
export type AccountOperation = 'UPDATE_PASSWORD' | 'UPDATE_PHONE' | 'UPDATE_EMAIL' | 'UNSUBSCRIBE';

/** A step of an operation that still needs a second factor. Pass it to `sendTwoFactorCode` / `verifyTwoFactor`. */
export interface TwoFactorStep<Op extends AccountOperation = AccountOperation> {
  readonly operation: Op;
  /** The discriminant: `if (step.needsTwoFactor)` narrows to this type. */
  readonly needsTwoFactor: true;
  readonly flowType: 'NEED_TWO_FACTOR';
  readonly fId: string;
}

/** An operation the user is cleared to perform: pass it to the matching final call. */
export interface AuthorizedStep<Op extends AccountOperation = AccountOperation> {
  readonly operation: Op;
  readonly needsTwoFactor: false;
  /** The server's name for the next step, e.g. `USER_UPDATE_PWD`. */
  readonly flowType: string;
  readonly fId: string;
}

/** After `sendChangeCode`: pass it with the code to `verifyChangeCode`. */
export interface ChangeCodeStep {
  readonly operation: 'UPDATE_PHONE' | 'UPDATE_EMAIL';
  readonly flowType: 'CODE_SENT';
  readonly fId: string;
}

/** What operate_check answers: either a second factor is needed, or the operation may proceed. */
export type OperationStart<Op extends AccountOperation> = TwoFactorStep<Op> | AuthorizedStep<Op>;

/** Second-factor proof: a code sent by SMS or email, or the current password. */
export type TwoFactorProof = { type: 'SMS' | 'EMAIL'; code: string } | { type: 'PWD'; password: string };

/** A social identity provider configured for the tenant, and whether the user is bound to it. */
export interface SocialBindInfo {
  name?: string;
  enterpriseAuthId: string;
  socialType?: string;
  socialUserId?: string | null;
  bound: boolean;
  /** Base64 PNG. */
  logo?: string;
  [field: string]: unknown;
}

/** One extension-attribute value to write with `updateInfo`. */
export interface DictionaryValue {
  /** The value's own uuid, when it already exists. */
  uuid?: string;
  dictionaryUuid: string;
  dictionaryValue: string;
}

/** The fields `updateInfo` may change; `uuid` identifies the account (from `getInfo`). */
export interface AccountInfoUpdate {
  uuid: string;
  enDisplayName?: string;
  displayName?: string;
  language?: string;
  avatarUuid?: string;
  fullName?: string;
  gender?: string;
  birthday?: string;
  country?: string;
  region?: string;
  province?: string;
  city?: string;
  street?: string;
  address?: string;
  dictionaryValues?: DictionaryValue[];
}

/** `getInfo`'s answer: the account, masked where the tenant marks fields sensitive. */
export interface AccountInfo extends Partial<Omit<AccountInfoUpdate, 'dictionaryValues'>> {
  uuid: string;
  username?: string;
  phoneNumber?: string | null;
  phoneRegion?: string | null;
  email?: string | null;
  enabled?: boolean;
  locked?: boolean;
  baseAttrDictionaries?: unknown[];
  userTypeDictionaries?: unknown[];
  userSocialList?: SocialBindInfo[];
  [field: string]: unknown;
}

/** One login of the user. */
export interface LoginHistoryEntry {
  uuid: string;
  createTime: string;
  loginMode?: string;
  loginIp?: string;
  loginAddress?: string;
  [field: string]: unknown;
}

/** One privacy-terms consent of the user. `base64EncodeContent` holds the terms text. */
export interface ConsentRecord {
  uuid: string;
  recordUuid?: string;
  versionNumber?: string;
  versionTitle?: string;
  base64EncodeContent?: string;
  publishDate?: number;
  [field: string]: unknown;
}

/** Options of {@link createAccountCenter}. The seed says neither host nor token kind, so both are configurable. */
export interface AccountCenterOptions {
  /** Where the account center lives; default the client's `baseUrl`. */
  baseUrl?: string;
  /** Path prefix; default `/api/bff/v1.2/developer/ciam/user`. */
  prefix?: string;
  /**
   * The bearer token to send. Default: the client's id_token (refreshed as needed, and refreshed
   * once more when the account center answers `invalid_token`). Pass a function to send another
   * token your app obtains.
   */
  token?: () => Promise<string>;
}

/** The account-center API bound to a client. */
export interface AccountCenter {
  /**
   * Whether the account center accepts the current token (after one refresh if it did not).
   * @example
   * if (!(await accountCenter.checkToken())) goToLogin()
   */
  checkToken(): Promise<boolean>;
  /**
   * Starts a sensitive operation (operate_check). The answer says whether a second factor is needed.
   * @example
   * const start = await accountCenter.startOperation('UPDATE_PASSWORD')
   * const cleared = start.needsTwoFactor ? await accountCenter.verifyTwoFactor(start, { type: 'PWD', password }) : start
   */
  startOperation<Op extends AccountOperation>(operation: Op): Promise<OperationStart<Op>>;
  /**
   * Sends a second-factor code by SMS or email; resolves the step to verify.
   * @example
   * const sent = await accountCenter.sendTwoFactorCode(start, 'SMS')
   */
  sendTwoFactorCode<Op extends AccountOperation>(
    step: TwoFactorStep<Op>,
    type: 'SMS' | 'EMAIL',
  ): Promise<TwoFactorStep<Op>>;
  /**
   * Verifies the second factor; resolves the cleared step the final call needs.
   * @example
   * const cleared = await accountCenter.verifyTwoFactor(sent, { type: 'SMS', code: '123456' })
   */
  verifyTwoFactor<Op extends AccountOperation>(
    step: TwoFactorStep<Op>,
    proof: TwoFactorProof,
  ): Promise<AuthorizedStep<Op>>;
  /**
   * Sets a new password (change_pwd). Reusing a recent password is refused with
   * `Params.Illegal.User.Password.Same.Old`.
   * @example
   * await accountCenter.changePassword(cleared, newPassword)
   */
  changePassword(step: AuthorizedStep<'UPDATE_PASSWORD'>, newPassword: string): Promise<void>;
  /**
   * Sends a code to the new phone number or email address.
   * @example
   * const sent = await accountCenter.sendChangeCode(cleared, { type: 'SMS', phoneNumber: '13900000000' })
   */
  sendChangeCode(
    step: AuthorizedStep<'UPDATE_PHONE' | 'UPDATE_EMAIL'>,
    target: { type: 'SMS'; phoneNumber: string; phoneRegion?: string } | { type: 'EMAIL'; email: string },
  ): Promise<ChangeCodeStep>;
  /**
   * Verifies that code, completing the change.
   * @example
   * await accountCenter.verifyChangeCode(sent, '123456')
   */
  verifyChangeCode(step: ChangeCodeStep, code: string): Promise<void>;
  /**
   * Deletes the account (unsubscribe), then clears the local session (`signedOut` reason `deleted`).
   * @example
   * await accountCenter.deleteAccount(cleared)
   */
  deleteAccount(step: AuthorizedStep<'UNSUBSCRIBE'>): Promise<void>;
  /**
   * The tenant's social providers and the user's bindings.
   * @example
   * const providers = await accountCenter.getSocialBindings()
   */
  getSocialBindings(): Promise<SocialBindInfo[]>;
  /**
   * Binds a social identity from its authorization code (Apple: the identity_token).
   * @example
   * await accountCenter.bindSocial({ code, enterpriseAuthId: 'ciammasterwechat' })
   */
  bindSocial(input: { code: string; enterpriseAuthId: string }): Promise<void>;
  /**
   * Unbinds the user from a social provider.
   * @example
   * await accountCenter.unbindSocial('ciammasterwechat')
   */
  unbindSocial(enterpriseAuthId: string): Promise<void>;
  /**
   * Enables gesture login with the AES-encrypted gesture signature.
   * @example
   * await accountCenter.bindGesture(gestureSign)
   */
  bindGesture(gestureSign: string): Promise<void>;
  /**
   * The account's information (masked where sensitive) and attribute dictionaries.
   * @example
   * const info = await accountCenter.getInfo()
   */
  getInfo(): Promise<AccountInfo>;
  /**
   * Changes account information, including extension attributes (`dictionaryValues`).
   * @example
   * await accountCenter.updateInfo({ uuid: info.uuid, displayName: '小竹' })
   */
  updateInfo(update: AccountInfoUpdate): Promise<void>;
  /**
   * The user's recent logins, newest first.
   * @example
   * const logins = await accountCenter.getLoginHistory()
   */
  getLoginHistory(): Promise<LoginHistoryEntry[]>;
  /**
   * The privacy terms the user agreed to.
   * @example
   * const consents = await accountCenter.getConsentRecords()
   */
  getConsentRecords(): Promise<ConsentRecord[]>;
  /**
   * Withdraws one consent.
   * @example
   * await accountCenter.recallConsent(consents[0].uuid)
   */
  recallConsent(uuid: string): Promise<void>;
}

const OPERATIONS: readonly AccountOperation[] = ['UPDATE_PASSWORD', 'UPDATE_PHONE', 'UPDATE_EMAIL', 'UNSUBSCRIBE'];

// Steps the server accepted: their fId is spent, so a replay fails before any request. A step the
// server refused (a wrong code) stays usable, as its fId does on the server. The mark is on the step
// object itself (non-enumerable `spent`), not in this module, so a second copy of the SDK sees it.
function markSpent(step: object): void {
  try {
    Object.defineProperty(step, 'spent', { value: true, enumerable: false, writable: true });
  } catch (_) {
    // A frozen step: the server refuses its spent fId anyway.
  }
}

function badStep(message: string): IdaasValidationError {
  return new IdaasValidationError({ code: 'INVALID_STEP', field: 'step', message });
}

/** Checks a step object before use: the right kind, for the right operation, not yet used. */
function take(step: unknown, operations: readonly AccountOperation[], flow: (flowType: string) => boolean) {
  const value = step as AuthorizedStep;
  if (typeof step !== 'object' || step === null || typeof value.fId !== 'string' || !value.fId) {
    throw badStep('Pass the step object the previous account-center call returned.');
  }
  if (operations.indexOf(value.operation) < 0 || !flow(value.flowType)) {
    throw badStep(
      `This step (${value.operation}, ${value.flowType}) does not lead here; follow the flow from startOperation.`,
    );
  }
  if ((step as { spent?: unknown }).spent === true)
    throw badStep('This step was already used; start the operation again.');
  return value;
}

const needsTwoFactor = (flowType: string) => flowType === 'NEED_TWO_FACTOR';
const cleared = (flowType: string) => flowType !== 'NEED_TWO_FACTOR' && flowType !== 'CODE_SENT';

/**
 * Binds the account-center API to a client: same platform, pipeline, errors and token manager.
 * @example
 * import { createAccountCenter } from 'idaas-miniprogram/account-center'
 * const accountCenter = createAccountCenter(client)
 * const history = await accountCenter.getLoginHistory()
 */
export function createAccountCenter(client: IdaasClient, options: AccountCenterOptions = {}): AccountCenter {
  const baseUrl = options.baseUrl ? normalizeBaseUrl(options.baseUrl) : undefined;
  const prefix = (options.prefix || '/api/bff/v1.2/developer/ciam/user').replace(/\/+$/, '');

  async function send<Answer>(method: HttpMethod, path: string, body?: unknown, query?: Record<string, string>) {
    const route: Route<unknown, Answer> = {
      spec: `${method} ${prefix}${path}`,
      credential: options.token ? 'none' : 'idToken',
    };
    const bearer = options.token ? await options.token() : undefined;
    return client.send(route, { body, query, baseUrl, bearer });
  }

  /** Sends a step of a flow; once the server accepted it, the step object is spent. */
  async function sendStep<Answer>(current: object, method: HttpMethod, path: string, body: unknown) {
    const answer = await send<Answer>(method, path, body);
    markSpent(current);
    return answer;
  }

  /** A step answer (`{fId, flowType}`) as the next step object. */
  function next<S>(operation: AccountOperation, answer: unknown, flowType?: string): S {
    const data = (answer || {}) as { fId?: unknown; flowType?: unknown };
    const kind = flowType || data.flowType;
    if (typeof data.fId !== 'string' || !data.fId || typeof kind !== 'string' || !kind) {
      throw new IdaasServerError({
        code: 'INVALID_RESPONSE',
        message: 'The account-center answer lacks fId or flowType; retry.',
      });
    }
    return { operation, needsTwoFactor: kind === 'NEED_TWO_FACTOR', flowType: kind, fId: data.fId } as S;
  }

  const center: AccountCenter = {
    checkToken() {
      return send('GET', '/token/check').then(
        () => true,
        (error: { code?: string }) => {
          if (error && error.code === 'invalid_token') return false;
          throw error;
        },
      );
    },

    async startOperation(operation) {
      checkEnum(operation, OPERATIONS, 'operation');
      return next(operation, await send('GET', '/operate_check', undefined, { operateType: operation }));
    },

    async sendTwoFactorCode(step, type) {
      const current = take(step, OPERATIONS, needsTwoFactor);
      const body = { fId: current.fId, type: checkEnum(type, ['SMS', 'EMAIL'] as const, 'type') };
      return next(current.operation, await sendStep(current, 'POST', '/2fa/obtain_code', body), 'NEED_TWO_FACTOR');
    },

    async verifyTwoFactor(step, proof) {
      const current = take(step, OPERATIONS, needsTwoFactor);
      const type = checkEnum(proof?.type, ['SMS', 'EMAIL', 'PWD'] as const, 'type');
      const secret =
        proof.type === 'PWD'
          ? { password: requireText(proof.password, 'password') }
          : { code: requireText(proof.code, 'code') };
      return next(
        current.operation,
        await sendStep(current, 'POST', '/2fa/verify_code', { fId: current.fId, type, ...secret }),
      );
    },

    async changePassword(step, newPassword) {
      const current = take(step, ['UPDATE_PASSWORD'], cleared);
      await sendStep(current, 'PUT', '/change_pwd', {
        fId: current.fId,
        newPassword: requireText(newPassword, 'newPassword'),
      });
    },

    async sendChangeCode(step, target) {
      const current = take(step, ['UPDATE_PHONE', 'UPDATE_EMAIL'], cleared);
      const type = checkEnum(target?.type, [current.operation === 'UPDATE_PHONE' ? 'SMS' : 'EMAIL'], 'type');
      const body =
        target.type === 'SMS'
          ? { phoneNumber: requireText(target.phoneNumber, 'phoneNumber'), phoneRegion: target.phoneRegion || '' }
          : { email: requireText(target.email, 'email') };
      const answer = await sendStep(current, 'POST', '/change_phone_or_email/obtain_code', {
        fId: current.fId,
        type,
        ...body,
      });
      return next(current.operation, answer, 'CODE_SENT');
    },

    async verifyChangeCode(step, code) {
      const current = take(step, ['UPDATE_PHONE', 'UPDATE_EMAIL'], (flowType) => flowType === 'CODE_SENT');
      const type = current.operation === 'UPDATE_PHONE' ? 'SMS' : 'EMAIL';
      await sendStep(current, 'POST', '/change_phone_or_email/verify_code', {
        fId: current.fId,
        type,
        code: requireText(code, 'code'),
      });
    },

    async deleteAccount(step) {
      const current = take(step, ['UNSUBSCRIBE'], cleared);
      await sendStep(current, 'POST', '/unsubscribe', { fId: current.fId });
      client.tokens.clear('deleted');
    },

    async getSocialBindings() {
      const list = await send<SocialBindInfo[]>('GET', '/social_bind_info');
      return Array.isArray(list) ? list : [];
    },

    async bindSocial(input) {
      const body = {
        code: requireText(input?.code, 'code'),
        enterpriseAuthId: requireText(input.enterpriseAuthId, 'enterpriseAuthId'),
      };
      await send('POST', '/social/bind', body);
    },

    async unbindSocial(enterpriseAuthId) {
      await send('POST', '/social/unbind', { enterpriseAuthId: requireText(enterpriseAuthId, 'enterpriseAuthId') });
    },

    async bindGesture(gestureSign) {
      await send('POST', '/gesture/bind', { gestureSign: requireText(gestureSign, 'gestureSign') });
    },

    getInfo() {
      return send<AccountInfo>('GET', '/info');
    },

    async updateInfo(update) {
      requireText(update?.uuid, 'uuid');
      await send('PUT', '/info', update);
    },

    async getLoginHistory() {
      // The vendor's field is spelled `historys`.
      const data = await send<{ historys?: LoginHistoryEntry[] }>('GET', '/login/history/list');
      return data && Array.isArray(data.historys) ? data.historys : [];
    },

    async getConsentRecords() {
      const list = await send<ConsentRecord[]>('GET', '/get_agree_records');
      return Array.isArray(list) ? list : [];
    },

    async recallConsent(uuid) {
      await send('POST', '/agree_records/recall', { uuid: requireText(uuid, 'uuid') });
    },
  };
  return center;
}
