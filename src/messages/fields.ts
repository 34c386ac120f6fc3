import type { ErrorCodeInfo } from '../error-codes';

/**
 * What a person calls the fields the SDK checks before sending (`IdaasValidationError.field`),
 * so a validation error reads "Please enter your mobile number." and never names `verify_code`.
 * Both spellings appear: the vendor's body fields and the SDK's camelCase arguments.
 */
const MOBILE = { en: 'mobile number', zh: '手机号' };
const EMAIL = { en: 'email address', zh: '邮箱地址' };
const CODE = { en: 'verification code', zh: '验证码' };
const PASSWORD = { en: 'password', zh: '密码' };
const NEW_PASSWORD = { en: 'new password', zh: '新密码' };
const USERNAME = { en: 'username', zh: '用户名' };
const CAPTCHA = { en: 'slider puzzle', zh: '滑块验证' };

export const FIELD_LABELS: Readonly<Record<string, ErrorCodeInfo>> = {
  mobile: MOBILE,
  phoneNumber: MOBILE,
  phone: MOBILE,
  sender: { en: 'mobile number or email address', zh: '手机号或邮箱' },
  email: EMAIL,
  verify_code: CODE,
  verifyCode: CODE,
  code: CODE,
  password: PASSWORD,
  pwd: PASSWORD,
  old_password: { en: 'current password', zh: '当前密码' },
  new_password: NEW_PASSWORD,
  newPassword: NEW_PASSWORD,
  user_name: USERNAME,
  userName: USERNAME,
  username: USERNAME,
  token: CAPTCHA,
  captcha_token: CAPTCHA,
  x: CAPTCHA,
  gestureSign: { en: 'gesture pattern', zh: '手势密码' },
};

const CAPTCHA_SENTENCES = {
  empty: { en: 'Please solve the slider puzzle first.', zh: '请先完成滑块验证。' },
  invalid: { en: 'The slider puzzle was not solved. Please slide it again.', zh: '滑块验证未通过，请重新滑动。' },
};

/**
 * What the user must fix, in their language, when a check before sending failed; undefined for a
 * field a person never types (the caller then says something general).
 * @example
 * fieldSentence('verify_code', true, 'en') // 'Please enter your verification code.'
 */
export function fieldSentence(field: string, empty: boolean, language: 'en' | 'zh'): string | undefined {
  const label = FIELD_LABELS[field];
  if (!label) return undefined;
  if (label === CAPTCHA) return CAPTCHA_SENTENCES[empty ? 'empty' : 'invalid'][language];
  if (language === 'zh') return empty ? `请输入${label.zh}。` : `${label.zh}格式不正确，请检查后重新输入。`;
  return empty ? `Please enter your ${label.en}.` : `The ${label.en} is not valid. Please check it and enter it again.`;
}
