import { isIdaasError } from './errors';

/** One documented error: what it means in English and Chinese, and what the user or developer should do. */
export interface ErrorCodeInfo {
  en: string;
  zh: string;
}

/**
 * The documented IDaaS error codes (client API, account center, OAuth) and the SDK's own codes,
 * with user-presentable messages. Kept apart from the pipeline so an app that never displays
 * errors does not bundle it.
 */
export const ERROR_CODES: Readonly<Record<string, ErrorCodeInfo>> = {
  // Client API (`/api/v2/sdk/*`), client-api.md §6.1
  'IDAAS.SDK.PARAM.0001': { en: 'Device information is incomplete.', zh: '设备信息不完整。' },
  'IDAAS.SDK.PARAM.0002': { en: 'clientId cannot be empty.', zh: 'clientId不能为空。' },
  'IDAAS.SDK.PARAM.0003': {
    en: 'The app is not registered; register the app first.',
    zh: '应用未注册，请先注册应用。',
  },
  'IDAAS.SDK.PARAM.0014': { en: 'Invalid state token; start the login again.', zh: '无效的状态令牌，请重新登录。' },
  'IDAAS.SDK.PARAM.0016': {
    en: 'IdToken is invalid or expired; sign in again.',
    zh: 'IdToken无效或已过期，请重新登录。',
  },
  'IDAAS.SDK.PARAM.0023': {
    en: 'Invalid or expired session token; sign in again.',
    zh: '会话令牌无效或已过期，请重新登录。',
  },
  'IDAAS.SDK.CAPTCHA.0002': {
    en: 'Graphic verification code verification failed; slide again.',
    zh: '图形验证码校验失败，请重新滑动。',
  },
  'IDAAS.SDK.CAPTCHA.0006': {
    en: 'Failed to send the verification code; try again later.',
    zh: '验证码发送失败，请稍后重试。',
  },
  'IDAAS.SDK.CAPTCHA.0007': { en: 'Incorrect verification code.', zh: '验证码错误。' },
  'IDAAS.SDK.COMMON.1007': {
    en: 'state_token parameter error; start the login again.',
    zh: 'state_token参数错误，请重新登录。',
  },
  'IDAAS.SDK.COMMON.1008': { en: 'The system is busy; try again later.', zh: '系统繁忙，请稍后重试。' },
  'IDAAS.SDK.LOGIN.1001': {
    en: 'Error calling the WeChat mini program interface.',
    zh: '调用 wechat miniprogram 接口出错。',
  },
  // Account center (`/api/bff/v1.2/developer/ciam/user/*`)
  'Params.Illegal.User.Password.Same.Old': {
    en: 'The new password must differ from the old one.',
    zh: '新密码不能与旧密码相同。',
  },
  'Operation.Failure.User.Password.Error': { en: 'The password is incorrect.', zh: '密码错误。' },
  'Operation.Failure.Unsupport.2fa.Type': { en: 'Unsupported verification method.', zh: '不支持的验证方式。' },
  'Operation.Failure.Unsupported.2fa.Type': { en: 'Unsupported verification method.', zh: '不支持的验证方式。' },
  // OAuth-shaped answers
  invalid_token: { en: 'Your sign-in has expired; sign in again.', zh: '登录已失效，请重新登录。' },
  // The SDK's own codes
  NETWORK_ERROR: { en: 'Network unavailable; check your connection and retry.', zh: '网络不可用，请检查网络后重试。' },
  TIMEOUT: { en: 'The request timed out; retry.', zh: '请求超时，请重试。' },
  INVALID_RESPONSE: { en: 'The server answer could not be read; retry later.', zh: '服务器响应无法解析，请稍后重试。' },
  SESSION_NOT_SIGNED_IN: { en: 'Please sign in.', zh: '请先登录。' },
  SESSION_EXPIRED: { en: 'Your sign-in has expired; sign in again.', zh: '登录已过期，请重新登录。' },
  SESSION_INVALID: { en: 'Your sign-in is no longer valid; sign in again.', zh: '登录已失效，请重新登录。' },
  SESSION_REFRESH_LOOP: {
    en: 'Sign-in could not be renewed; retry in a minute.',
    zh: '登录续期失败，请一分钟后重试。',
  },
  USER_CANCELLED: { en: 'Cancelled.', zh: '已取消。' },
  PLATFORM_UNAVAILABLE: { en: 'This feature is not available here.', zh: '当前环境不支持该功能。' },
  STORAGE_WRITE_FAILED: { en: 'Local storage is full or unavailable.', zh: '本地存储已满或不可用。' },
  ASYNC_STORAGE: {
    en: 'storage must be synchronous: pass get/set/remove that return values, not promises.',
    zh: 'storage 必须是同步的：get/set/remove 应直接返回值，而不是 Promise。',
  },
  INVALID_TIMEOUT: {
    en: 'timeoutMs must be a number of milliseconds above 0, at most 2147483647.',
    zh: 'timeoutMs 必须是大于 0、不超过 2147483647 的毫秒数。',
  },
  LOGIN_FAILED: { en: 'Could not get a login code; retry.', zh: '获取登录凭证失败，请重试。' },
  INVALID_HEADER: {
    en: 'A request header would have held a line break or control character; nothing was sent.',
    zh: '请求头将包含换行或控制字符，请求未发送。',
  },
  INVALID_BODY: {
    en: 'The request body cannot be sent as JSON (a cycle, a BigInt or an unreadable field).',
    zh: '请求体无法转换为 JSON（存在循环引用、BigInt 或无法读取的字段）。',
  },
  UNSUPPORTED_PLATFORM: {
    en: 'This sign-in method is not available in this app. Please sign in with an SMS code, email or password.',
    zh: '当前应用不支持该登录方式，请使用短信验证码、邮箱或密码登录。',
  },
  INVALID_TENANT_ID: {
    en: 'This app is not set up correctly for sign-in. Please contact the app’s support.',
    zh: '应用的登录配置有误，请联系应用客服。',
  },
};

/**
 * A message fit to show a user, in English or Chinese: the table's text for a known code, the
 * error's own message otherwise (HTTP_5xx and the like fall back to a generic line).
 * @example
 * Taro.showToast({ title: describeError(e, 'zh'), icon: 'none' })
 */
export function describeError(error: unknown, language: 'en' | 'zh' = 'zh'): string {
  if (!isIdaasError(error)) return language === 'zh' ? '出错了，请重试。' : 'Something went wrong; retry.';
  const known = ERROR_CODES[error.code];
  if (known) return known[language];
  if (/^HTTP_5\d\d$/.test(error.code) || error.code === 'HTTP_429') {
    return language === 'zh' ? '服务繁忙，请稍后重试。' : 'The service is busy; retry later.';
  }
  return error.message;
}
