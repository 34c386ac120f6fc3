/**
 * The catalogue of people-facing error sentences, zh-CN and en, one entry per code: every code the
 * vendor documents (client-api.md §6, the seeds), every code the local emulator answers with, and
 * every code the SDK raises. Each sentence says what happened and what the user can do; none
 * contains a code or a field name (test/messages/catalogue.test.ts checks both).
 * Only the `idaas-miniprogram/messages` entry imports this file, so the core bundle carries none of it.
 */

/** One error in words: the sentence in English and in Chinese. */
export interface ErrorCodeInfo {
  en: string;
  zh: string;
}

const t = (en: string, zh: string): ErrorCodeInfo => ({ en, zh });

// Sentences several codes share.
const SIGN_IN_AGAIN = t('Your sign-in has expired. Please sign in again.', '登录已过期，请重新登录。');
const STEP_EXPIRED = t(
  'This sign-in step has expired. Please start signing in again.',
  '本次登录已失效，请重新开始登录。',
);
const NOT_SENT = t('The request could not be sent. Please try again.', '请求发送失败，请重试。');
const BUSY = t('The service is busy. Please try again in a moment.', '服务繁忙，请稍后重试。');
const APP_SETUP = t(
  'This app is not set up correctly for sign-in. Please contact the app’s support.',
  '应用的登录配置有误，请联系应用客服。',
);
const DEVICE = t(
  'Your device details could not be read. Please restart the app and try again.',
  '设备信息不完整，请重启应用后重试。',
);
const MISSING = t(
  'Some required information is missing. Please fill in every field.',
  '有必填信息未填写，请补全后重试。',
);
const FORMAT = t(
  'Some information is in the wrong format. Please check what you entered.',
  '部分信息格式不正确，请检查填写的内容。',
);
const INVALID = t('Some information is not valid. Please check what you entered.', '部分信息有误，请检查填写的内容。');
const CODE_WRONG = t(
  'The verification code is wrong or has expired. Please check it or get a new one.',
  '验证码错误或已过期，请核对或重新获取。',
);
const CODE_EMPTY = t('Please enter the verification code.', '请输入验证码。');
const NO_USER = t(
  'No account was found. Please check what you entered, or register first.',
  '未找到该账号，请检查输入或先注册。',
);
const WEAK_PASSWORD = t(
  'The password is too weak. Please use a longer one that mixes letters, digits and symbols.',
  '密码不符合安全要求，请使用包含字母、数字和符号的更长密码。',
);
const WRONG_PASSWORD = t('The current password is incorrect. Please enter it again.', '当前密码错误，请重新输入。');
const SAME_PASSWORD = t('The new password must differ from the current one.', '新密码不能与当前密码相同。');
const PHONE_TAKEN = t(
  'This mobile number is already used by another account. Please use another one.',
  '该手机号已被其他账号使用，请换一个。',
);
const EMAIL_TAKEN = t(
  'This email address is already used by another account. Please use another one.',
  '该邮箱已被其他账号使用，请换一个。',
);
const UNSUPPORTED_METHOD = t(
  'This verification method is not available for your account. Please choose another one.',
  '您的账号不支持该验证方式，请选择其他方式。',
);
const FLOW_EXPIRED = t(
  'This verification has expired or was already used. Please start the operation again.',
  '本次验证已失效或已使用，请重新开始操作。',
);
const PROFILE_VALUE = t(
  'One of the profile values is not allowed. Please choose one from the list.',
  '部分资料的取值无效，请从列表中选择。',
);
const NOT_SUPPORTED = t(
  'This operation is not supported. Please update the app and try again.',
  '不支持该操作，请更新应用后重试。',
);
const SIGN_IN_REFUSED = t(
  'Sign-in was refused: the account or password is wrong, or the account is locked, disabled or its password has expired.',
  '登录被拒绝：账号或密码错误，或账号已锁定、已禁用、密码已过期。',
);
const FAILED = t('The operation failed. Please try again.', '操作失败，请重试。');
const EXTERNAL = t('A service needed for this step did not answer. Please try again.', '调用外部服务失败，请重试。');

/**
 * Every known code → its sentences. Codes that differ only by a suffix the server fills in
 * (`Params.Blank.<What>`, `HTTP_<status>`) also have a family entry, see `describeError`.
 * @example
 * ERROR_CODES['IDAAS.SDK.CAPTCHA.0007'].zh // '验证码错误或已过期，请核对或重新获取。'
 */
export const ERROR_CODES: Readonly<Record<string, ErrorCodeInfo>> = {
  // Client API (`/api/v2/sdk/*`): client-api.md §6.1 and seed 002.
  'IDAAS.SDK.PARAM.0001': DEVICE,
  'IDAAS.SDK.PARAM.0002': APP_SETUP,
  'IDAAS.SDK.PARAM.0003': t(
    'This app is not registered with the sign-in service. Please contact the app’s support.',
    '应用尚未在登录服务中注册，请联系应用客服。',
  ),
  'IDAAS.SDK.PARAM.0009': CODE_EMPTY,
  'IDAAS.SDK.PARAM.0014': STEP_EXPIRED,
  'IDAAS.SDK.PARAM.0016': SIGN_IN_AGAIN,
  'IDAAS.SDK.PARAM.0023': SIGN_IN_AGAIN,
  'IDAAS.SDK.CAPTCHA.0002': t(
    'The slider was not placed on the gap. Please slide it again.',
    '滑块验证未通过，请重新滑动。',
  ),
  'IDAAS.SDK.CAPTCHA.0006': t(
    'The code could not be sent. Please wait a minute and try again.',
    '验证码发送失败，请稍等一分钟后重试。',
  ),
  'IDAAS.SDK.CAPTCHA.0007': CODE_WRONG,
  'IDAAS.SDK.COMMON.1007': STEP_EXPIRED,
  'IDAAS.SDK.COMMON.1008': BUSY,
  'IDAAS.SDK.COM.0002': BUSY,
  'IDAAS.SDK.LOGIN.1001': t('WeChat could not complete this step. Please try again.', '调用微信接口失败，请重试。'),
  'IDAAS.SDK.USER.0001': NO_USER,
  'IDAAS.SDK.USER.0004': t('Please enter your mobile number.', '请输入手机号。'),
  'IDAAS.SDK.USER.0039': t(
    'This account is disabled. Please contact the administrator.',
    '该账号已被禁用，请联系管理员。',
  ),
  // The emulator's own client-API codes where the docs show none (test/emulator/errors.ts).
  'IDAAS.SDK.COMMON.1001': MISSING,
  'IDAAS.SDK.COMMON.1002': FORMAT,
  'IDAAS.SDK.COMMON.1006': INVALID,
  'IDAAS.SDK.COMMON.0404': NOT_SUPPORTED,
  'IDAAS.SDK.COMMON.0405': NOT_SUPPORTED,
  'IDAAS.SDK.LOGIN.0001': t(
    'The account or password is incorrect. Please check them and try again.',
    '账号或密码错误，请检查后重试。',
  ),
  'IDAAS.SDK.PWD.0001': WEAK_PASSWORD,
  'IDAAS.SDK.PWD.0002': WRONG_PASSWORD,
  'IDAAS.SDK.PWD.0003': SAME_PASSWORD,
  'IDAAS.SDK.USER.0010': PHONE_TAKEN,
  'IDAAS.SDK.USER.0011': EMAIL_TAKEN,
  'IDAAS.SDK.USER.0012': t(
    'This username is already taken. Please choose another one.',
    '该用户名已被占用，请换一个。',
  ),
  'IDAAS.SDK.SOCIAL.0001': t(
    'Your account is already linked to another account of this kind. Please unlink that one first.',
    '您的账号已绑定同类的其他账号，请先解除绑定。',
  ),
  'EMULATOR.BAD_REQUEST': t(
    'The test server could not simulate this step. Please check what you entered.',
    '测试服务器无法模拟该步骤，请检查填写的内容。',
  ),
  'EMULATOR.FORBIDDEN': t(
    'The test server refused this page. Please allow the page in the test server, or use its control token.',
    '测试服务器拒绝了此页面，请在测试服务器中允许该页面，或使用其控制令牌。',
  ),
  'EMULATOR.NOT_FOUND': t(
    'The test server has no such item. Please start again.',
    '测试服务器中没有该项，请重新开始。',
  ),
  // EIAM namespace `SDK.*`, client-api.md §6.2.
  'SDK.COMMON.1001': MISSING,
  'SDK.COMMON.1002': FORMAT,
  'SDK.COMMON.1003': DEVICE,
  'SDK.COMMON.1004': t(
    'The request could not be verified. Please update the app or try again later.',
    '请求校验失败，请更新应用或稍后重试。',
  ),
  'SDK.COMMON.1005': t('This step has expired. Please start it again.', '操作已过期，请重新开始。'),
  'SDK.COMMON.1006': INVALID,
  'SDK.COMMON.1007': INVALID,
  'SDK.COMMON.1008': BUSY,
  'SDK.COMMON.1009': t(
    'No sign-in method is configured for this app. Please contact the app’s support.',
    '该应用未配置登录方式，请联系应用客服。',
  ),
  'SDK.COMMON.1010': t(
    'The sign-in settings could not be loaded. Please try again later.',
    '无法获取登录配置，请稍后重试。',
  ),
  'SDK.COMMON.1011': t(
    'The list of country calling codes could not be loaded. Please try again later.',
    '无法获取国际区号配置，请稍后重试。',
  ),
  'SDK.COMMON.1012': APP_SETUP,
  'SDK.COMMON.1013': NO_USER,
  'SDK.COMMON.1014': APP_SETUP,
  'SDK.LOGIN.1001': EXTERNAL,
  'SDK.LOGIN.1002': t('This account is not linked yet. Please link it first.', '该账号尚未绑定，请先绑定。'),
  'SDK.LOGIN.1003': t(
    'The account is locked after too many failed attempts. Please wait and try again later.',
    '登录失败次数过多，账号已被锁定，请稍后再试。',
  ),
  'SDK.LOGIN.1004': t('Your sign-in details could not be obtained. Please try again.', '获取登录信息失败，请重试。'),
  'SDK.SMS.1006': CODE_WRONG,
  // OAuth-shaped answers, client-api.md §6.3 and seed 001.
  invalid_grant: SIGN_IN_REFUSED,
  unsupported_grant_type: APP_SETUP,
  invalid_scope: APP_SETUP,
  insufficient_scope: t(
    'Your sign-in does not allow this operation. Please sign in again.',
    '当前登录无权进行该操作，请重新登录。',
  ),
  invalid_token: SIGN_IN_AGAIN,
  invalid_request: APP_SETUP,
  redirect_uri_mismatch: APP_SETUP,
  unsupported_response_type: APP_SETUP,
  invalid_client: APP_SETUP,
  unauthorized_user: t(
    'This account may not use this app. Please contact the administrator.',
    '该账号无权使用此应用，请联系管理员。',
  ),
  access_denied: t(
    'This service is not enabled for your account. Please contact the administrator.',
    '该服务未对您的账号开通，请联系管理员。',
  ),
  // Account center (`/api/bff/v1.2/developer/ciam/user/*`): seed 001, then the emulator's own keys.
  'Operation.Success': t('Done.', '操作成功。'),
  'Operation.Failure': FAILED,
  'Params.Blank': MISSING,
  'Params.Illegal': INVALID,
  'Params.Exist': t('This value is already in use. Please enter a different one.', '该值已被使用，请换一个。'),
  'Params.Illegal.User.Password.Same.Old': SAME_PASSWORD,
  'Params.Illegal.User.Password.Policy': WEAK_PASSWORD,
  'Operation.Failure.User.Password.Error': WRONG_PASSWORD,
  'Operation.Failure.Unsupport.2fa.Type': UNSUPPORTED_METHOD,
  'Operation.Failure.Unsupported.2fa.Type': UNSUPPORTED_METHOD,
  'Operation.Failure.User.Has.Bind.Other.Authentication': t(
    'Your account is already linked to an account of this kind. Please unlink it first.',
    '您的账号已绑定同类的第三方账号，请先解除绑定。',
  ),
  'Params.Exist.SocialUser.SocialId': t(
    'That account is already linked to another user. Please sign in with it, or unlink it there first.',
    '该第三方账号已绑定其他用户，请用它登录，或先在原账号解除绑定。',
  ),
  'Operation.Failure.Social.Not.Bind.Over.Error': t(
    'That account is not linked, so there is nothing to unlink.',
    '该第三方账号未绑定，无需解除。',
  ),
  'Params.Blank.Gesture.Sign': t('Please draw your gesture pattern first.', '请先绘制手势密码。'),
  'Params.Blank.User.Username': t('Please enter your username.', '请输入用户名。'),
  'Operation.Failure.User.Not.Exist': NO_USER,
  OPERATION_FAILURE_GESTURE_SIGN_ERROR: t(
    'The gesture pattern could not be verified. Please draw it again.',
    '手势密码校验失败，请重新绘制。',
  ),
  'Operation.Failure.Service.Internal.Error': BUSY,
  'Operation.Failure.FId.Not.Exist': FLOW_EXPIRED,
  'Operation.Failure.FId.Expired': FLOW_EXPIRED,
  'Operation.Failure.Flow.Type.Mismatch': t(
    'These steps must be done in order. Please start again and get a verification code first.',
    '操作步骤顺序有误，请重新开始，并先获取验证码。',
  ),
  'Operation.Failure.Verify.Code.Error': CODE_WRONG,
  'Operation.Failure.Send.Code.Too.Frequent': t(
    'A code was sent a moment ago. Please wait before asking for another one.',
    '验证码发送过于频繁，请稍后再获取。',
  ),
  'Params.Exist.User.Phone': PHONE_TAKEN,
  'Params.Exist.User.Email': EMAIL_TAKEN,
  'Operation.Failure.Social.Auth.Code.Invalid': t(
    'The authorization from the other app has expired. Please try linking again.',
    '第三方授权已失效，请重新绑定。',
  ),
  'Operation.Failure.Attribute.Not.Modifiable': t('This information cannot be changed.', '该信息不可修改。'),
  'Params.Exist.Attribute.Value': t(
    'This value is already used by another account. Please enter a different one.',
    '该值已被其他账号使用，请换一个。',
  ),
  'Operation.Failure.Agree.Record.Not.Exist': t(
    'That consent no longer exists. Please refresh the list.',
    '该授权记录已不存在，请刷新列表。',
  ),
  'Params.Illegal.Request.Body': FORMAT,
  'Params.Blank.FId': t('Please verify your identity first, then try again.', '请先完成身份验证，再重试。'),
  'Params.Blank.Code': CODE_EMPTY,
  'Params.Blank.Operate.Type': NOT_SUPPORTED,
  'Params.Illegal.Operate.Type': NOT_SUPPORTED,
  'Params.Blank.User.Uuid': MISSING,
  'Params.Blank.Uuid': MISSING,
  'Params.Blank.Dictionary.Uuid': PROFILE_VALUE,
  'Params.Illegal.Dictionary.Uuid': PROFILE_VALUE,
  'Params.Illegal.Dictionary.Value': PROFILE_VALUE,
  'Params.Illegal.Dictionary.Values': PROFILE_VALUE,
  'Params.Illegal.Dictionary.Value.Uuid': PROFILE_VALUE,
  'Params.Illegal.Birthday': t('Please enter a valid date of birth.', '请输入正确的出生日期。'),
  'Params.Illegal.Gender': t('Please choose a valid gender.', '请选择正确的性别。'),
  'Params.Illegal.Email': t('Please enter a valid email address.', '请输入正确的邮箱地址。'),
  'Params.Illegal.Phone.Number': t('Please enter a valid mobile number.', '请输入正确的手机号。'),
  'Params.Illegal.Type': UNSUPPORTED_METHOD,
  'Params.Illegal.Enterprise.Auth.Id': t(
    'That sign-in method is not available. Please choose another one.',
    '该登录方式不可用，请选择其他方式。',
  ),
  ACCOUNT_CENTER_ERROR: FAILED,
  // The SDK's own codes.
  NETWORK_ERROR: t(
    'The network is unavailable. Please check your connection and try again.',
    '网络不可用，请检查网络连接后重试。',
  ),
  TIMEOUT: t('The request took too long. Please try again.', '请求超时，请重试。'),
  INVALID_RESPONSE: t(
    'The server’s answer could not be read. Please try again later.',
    '无法读取服务器的响应，请稍后重试。',
  ),
  HTTP_ERROR: FAILED,
  HTTP_429: BUSY,
  SESSION_NOT_SIGNED_IN: t('Please sign in first.', '请先登录。'),
  SESSION_EXPIRED: SIGN_IN_AGAIN,
  SESSION_INVALID: t('Your sign-in is no longer valid. Please sign in again.', '登录已失效，请重新登录。'),
  SESSION_REFRESH_LOOP: t(
    'Your sign-in could not be renewed. Please try again in a minute.',
    '登录续期失败，请一分钟后重试。',
  ),
  SESSION_CHANGED: t(
    'You signed in again in the meantime. Please repeat the last action.',
    '您已在此期间重新登录，请再操作一次。',
  ),
  USER_CANCELLED: t('Cancelled.', '已取消。'),
  PLATFORM_UNAVAILABLE: t('This feature is not available here.', '当前环境不支持该功能。'),
  UNSUPPORTED_PLATFORM: t(
    'This sign-in method is not available in this app. Please sign in with an SMS code, email or password.',
    '当前应用不支持该登录方式，请使用短信验证码、邮箱或密码登录。',
  ),
  DOMAIN_NOT_ALLOWED: APP_SETUP,
  INVALID_REQUEST: NOT_SENT,
  STORAGE_WRITE_FAILED: t(
    'Your phone’s storage is full or unavailable, so you may have to sign in again next time.',
    '手机存储空间已满或不可用，下次可能需要重新登录。',
  ),
  STORAGE_READ_FAILED: t(
    'Your phone’s storage could not be read. Please sign in again.',
    '无法读取手机存储，请重新登录。',
  ),
  LOGIN_FAILED: t('Signing in with the app failed. Please try again.', '获取登录凭证失败，请重试。'),
  PHONE_CODE_MISSING: t(
    'Your WeChat is too old to share a phone number. Please update WeChat, or use an SMS code.',
    '当前微信版本过低，无法授权手机号，请升级微信或改用短信验证码。',
  ),
  PHONE_NUMBER_FAILED: t(
    'Your phone number could not be obtained. Please try again, or use an SMS code.',
    '获取手机号失败，请重试或改用短信验证码。',
  ),
  CONTINUATION_SPENT: STEP_EXPIRED,
  CONTINUATION_WITHOUT_STATE_TOKEN: STEP_EXPIRED,
  INVALID_ARGUMENT: INVALID,
  INVALID_BASE_URL: APP_SETUP,
  INVALID_CLIENT_ID: APP_SETUP,
  INVALID_ID_TOKEN: SIGN_IN_AGAIN,
  INVALID_ROUTE: NOT_SUPPORTED,
  INVALID_STEP: FLOW_EXPIRED,
  MISSING_CREDENTIAL: t('Please sign in first.', '请先登录。'),
  // Set-up mistakes the SDK refuses at createClient (issues 10 and 14): the app's developer fixes them.
  ASYNC_STORAGE: APP_SETUP,
  INVALID_TIMEOUT: APP_SETUP,
  INVALID_TENANT_ID: APP_SETUP,
  // Requests the SDK refuses to send (issue 14): a control character in a header, a body JSON cannot hold.
  INVALID_HEADER: NOT_SENT,
  INVALID_BODY: NOT_SENT,
  // The native components (components/).
  CLIENT_MISSING: APP_SETUP,
};
