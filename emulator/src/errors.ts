/**
 * The vendor's error envelope: `HTTP 400 {"error_code": ..., "error_msg": ...}` (500 for failures the
 * emulator did not expect; never a stack trace). Messages follow `X-L` (`en`, or Chinese otherwise).
 *
 * Codes marked DOCUMENTED appear in the vendor docs (client-api.md §6, seed 002). Codes marked
 * EMULATOR are the emulator's own choice where the docs show no code; they keep the vendor's
 * `IDAAS.SDK.<AREA>.<NNNN>` shape so clients treat them like any other vendor code.
 */

export type Lang = 'en' | 'zh';

interface CatalogEntry {
  status: number;
  en: string;
  zh: string;
}

export const ERRORS = {
  // DOCUMENTED
  'IDAAS.SDK.PARAM.0001': { status: 400, en: 'Device information is incomplete', zh: '设备信息不完整' },
  'IDAAS.SDK.PARAM.0002': { status: 400, en: 'clientId cannot be empty', zh: 'clientId不能为空' },
  'IDAAS.SDK.PARAM.0003': {
    status: 400,
    en: 'The app is not registered, please register the app first',
    zh: '应用未注册,请先注册应用',
  },
  'IDAAS.SDK.PARAM.0009': { status: 400, en: 'Verification code cannot be empty', zh: '验证码不能为空' },
  'IDAAS.SDK.PARAM.0014': { status: 400, en: 'Invalid state token', zh: '无效的state token' },
  'IDAAS.SDK.PARAM.0016': { status: 400, en: 'IdToken is invalid or expired', zh: 'IdToken无效或已过期' },
  'IDAAS.SDK.PARAM.0023': { status: 400, en: 'Invalid or expired session token', zh: 'session token无效或已过期' },
  'IDAAS.SDK.CAPTCHA.0002': {
    status: 400,
    en: 'Graphic verification code verification failed',
    zh: '图形验证码校验失败',
  },
  // The documented English text is cut after "Failed to send verification c".
  'IDAAS.SDK.CAPTCHA.0006': { status: 400, en: 'Failed to send verification code', zh: '验证码发送失败' },
  'IDAAS.SDK.CAPTCHA.0007': { status: 400, en: 'Incorrect verification code', zh: '验证码不正确' },
  'IDAAS.SDK.COMMON.1007': { status: 400, en: 'state_token parameter error', zh: 'state_token参数错误' },
  'IDAAS.SDK.LOGIN.1001': { status: 400, en: 'Error calling interface {0}', zh: '调用 {0} 接口出错' },
  'IDAAS.SDK.USER.0001': { status: 400, en: 'User not found', zh: '用户未找到' },
  'IDAAS.SDK.USER.0004': { status: 400, en: 'Mobile number cannot be empty', zh: '手机号不能为空' },
  'IDAAS.SDK.USER.0039': { status: 400, en: 'User is disabled', zh: '用户已被禁用' },
  'IDAAS.SDK.COM.0002': { status: 500, en: 'System busy, please try again later', zh: '系统繁忙,请稍后再试' },
  // EMULATOR: modelled on the EIAM SDK.COMMON.1001/1002/1006 texts, with the IDAAS prefix CIAM uses.
  'IDAAS.SDK.COMMON.1001': { status: 400, en: 'Parameter {0} cannot be left blank', zh: '参数{0}不能为空' },
  'IDAAS.SDK.COMMON.1002': { status: 400, en: 'The {0} parameter format is incorrect', zh: '参数{0}格式不正确' },
  'IDAAS.SDK.COMMON.1006': { status: 400, en: 'The {0} parameter error', zh: '参数{0}错误' },
  // EMULATOR: no documented code for these outcomes.
  'IDAAS.SDK.LOGIN.0001': { status: 400, en: 'Incorrect account or password', zh: '账号或密码错误' },
  'IDAAS.SDK.PWD.0001': {
    status: 400,
    en: 'The password does not meet the password policy',
    zh: '密码不符合密码策略',
  },
  'IDAAS.SDK.PWD.0002': { status: 400, en: 'The old password is incorrect', zh: '原密码不正确' },
  'IDAAS.SDK.PWD.0003': {
    status: 400,
    en: 'The new password cannot be the same as the old password',
    zh: '新密码不能与原密码相同',
  },
  'IDAAS.SDK.USER.0010': { status: 400, en: 'The mobile number is already in use', zh: '手机号已被使用' },
  'IDAAS.SDK.USER.0011': { status: 400, en: 'The email is already in use', zh: '邮箱已被使用' },
  'IDAAS.SDK.USER.0012': { status: 400, en: 'The user name is already in use', zh: '用户名已被使用' },
  'IDAAS.SDK.SOCIAL.0001': {
    status: 400,
    en: 'The user is already bound to another account of this type',
    zh: '用户已绑定其他同类型社交账号',
  },
  'IDAAS.SDK.COMMON.0404': { status: 404, en: 'No such API', zh: '接口不存在' },
  'IDAAS.SDK.COMMON.0405': { status: 405, en: 'Method not allowed', zh: '请求方法不支持' },
  // Control routes (/__emulator/*) only.
  'EMULATOR.BAD_REQUEST': { status: 400, en: 'Bad emulator request: {0}', zh: 'Bad emulator request: {0}' },
  'EMULATOR.NOT_FOUND': { status: 404, en: 'Not found: {0}', zh: 'Not found: {0}' },
  'EMULATOR.FORBIDDEN': { status: 403, en: 'Control route refused: {0}', zh: '控制接口拒绝访问：{0}' },
} satisfies Record<string, CatalogEntry>;

export type ErrorCode = keyof typeof ERRORS;

/** A failure that becomes the vendor envelope. Throw it (via {@link fail}) from any handler. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly args: string[] = [],
    /** Replaces the whole response body, for documented quirky error bodies. */
    readonly rawBody?: Record<string, unknown>,
    /** Appended to the message, e.g. why a send was refused. */
    readonly detail?: string,
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

export function fail(code: ErrorCode, ...args: string[]): never {
  throw new ApiError(code, args);
}

export function failWithDetail(code: ErrorCode, detail: string, ...args: string[]): never {
  throw new ApiError(code, args, undefined, detail);
}

export function errorMessage(code: ErrorCode, lang: Lang, args: string[] = []): string {
  const template = ERRORS[code][lang];
  return template.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '');
}

export function errorEnvelope(err: ApiError, lang: Lang): { status: number; body: Record<string, unknown> } {
  const status = ERRORS[err.code].status;
  if (err.rawBody) return { status, body: err.rawBody };
  let message = errorMessage(err.code, lang, err.args);
  if (err.detail) message += lang === 'en' ? ` (${err.detail})` : `(${err.detail})`;
  return { status, body: { error_code: err.code, error_msg: message } };
}

/** Picks the message language from `X-L`: anything starting with `en` is English, `zh*` Chinese. */
export function languageOf(header: string | undefined, fallback: Lang): Lang {
  const v = (header ?? '').trim().toLowerCase();
  if (v.startsWith('en')) return 'en';
  if (v.startsWith('zh')) return 'zh';
  return fallback;
}
