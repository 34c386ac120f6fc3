/**
 * Tenant settings: what the IDaaS admin console would configure. They drive login outcomes,
 * lifetimes and limits. An app may override any of them (`apps[].settings`); nested groups
 * (`captcha`, `otp`, `platform`, `accountCenter`, `quirks`, `passwordPolicy`) merge key by key.
 */

export type SocialFlowStep = 'VERIFY_PHONE' | 'VERIFY_EMAIL';

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  /** Java-style regex text, sent to clients verbatim inside PASSWORD_WARN `data`. */
  regEx: string;
}

export interface TenantSettings {
  /** `iss` of id_tokens. Null: the emulator's own base URL. */
  issuer: string | null;
  /** Message language when the request has no usable `X-L`. */
  defaultLanguage: 'en' | 'zh';
  /** Area code assumed for mobile numbers given without one (`13800000001` → `+86-13800000001`). */
  defaultAreaCode: string;
  /** Unlinked social identity: `register` → USER_REGISTER (auto-register + bind); `bind` → SOCIAL_BIND. */
  socialFlow: 'register' | 'bind';
  /** Steps sent in `data` = `{"socialBindOrRegisterFlow":[...]}` with USER_REGISTER / SOCIAL_BIND. */
  socialBindOrRegisterFlow: SocialFlowStep[];
  /** Mobile/email code logins and phone-number logins create unknown users instead of USER.0001. */
  autoRegister: boolean;
  idTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  stateTokenTtlSeconds: number;
  /** Refresh returns a new session_token (and revokes the old one) instead of echoing it. */
  rotateSessionToken: boolean;
  /** Disabled users get `{"status":"ACCESS_DENIED"}` (200) or the error `IDAAS.SDK.USER.0039` (400). */
  disabledUser: 'ACCESS_DENIED' | 'error';
  /** PASSWORD_WARN when the password expires within this many days (password logins only). */
  passwordWarnDays: number;
  /** A newly set password expires after this many days; 0 = never. */
  passwordMaxAgeDays: number;
  /** Literal status for an expired password. The real value is cut from the docs; this is a guess. */
  passwordExpiredStatus: string;
  passwordPolicy: PasswordPolicy;
  captcha: {
    /** Accepted |x - answer| in pixels. */
    tolerancePx: number;
    /** Lifetime of a `GET /captcha` puzzle. */
    ttlSeconds: number;
    /** Lifetime of the `captcha_token` from `/captcha/verify`. */
    tokenTtlSeconds: number;
  };
  otp: {
    length: number;
    ttlSeconds: number;
    /** Wrong guesses before the code is burnt. */
    maxAttempts: number;
    /** Minimum gap between two sends to the same recipient. */
    resendIntervalSeconds: number;
    /** Sends per recipient per rolling hour. */
    maxPerHour: number;
    /** Every code is this value (manual demos). Null: random codes. */
    fixedCode: string | null;
  };
  /** Lifetimes of the simulated WeChat / Alipay credentials. */
  platform: {
    wechatLoginCodeTtlSeconds: number;
    wechatPhoneCodeTtlSeconds: number;
    alipayAuthCodeTtlSeconds: number;
    alipayPhoneTtlSeconds: number;
    /** Codes/tokens for the app logins (wechat, alipay, apple, qq, weibo) and aliyun one-click. */
    otherTokenTtlSeconds: number;
  };
  /** The account center (`/api/bff/v1.2/developer/ciam/user/*`); the seed is silent on all of these. */
  accountCenter: {
    /**
     * When `operate_check` answers `NEED_TWO_FACTOR`: `auto` = the user has a mobile, an email or a
     * password to prove (otherwise the operation's own flowType); `always`; `never`.
     */
    twoFactor: 'auto' | 'always' | 'never';
    /** Lifetime of every fId. */
    fIdTtlSeconds: number;
    /** Wrong codes/passwords accepted on one fId before it is burnt. */
    maxVerifyAttempts: number;
    /** `change_pwd` refuses the current password and this many earlier ones. */
    passwordHistory: number;
    /** HTTP status of `success: false` answers (500 for internal errors regardless). */
    failureHttpStatus: number;
  };
  /** Documented oddities, on by default; switch off to test a client against the "clean" shape. */
  quirks: {
    /** `" SOCIAL_BIND"` from the mini-program logins, `" eyJ…"`-style state_token from the WeChat one. */
    leadingSpaceStatus: boolean;
    /** `" Device information is incomplete"` on `/captcha`; `" IDAAS.SDK.LOGIN.1001"` (Chinese) on update-mobile-by-wechat. */
    leadingSpaceErrors: boolean;
    /** No id_token from the Alipay mini-program login and the Alipay phone binds. */
    alipayNoIdToken: boolean;
  };
}

export const DEFAULT_SETTINGS: TenantSettings = {
  issuer: null,
  defaultLanguage: 'zh',
  defaultAreaCode: '86',
  socialFlow: 'register',
  socialBindOrRegisterFlow: ['VERIFY_PHONE'],
  autoRegister: true,
  idTokenTtlSeconds: 7200,
  sessionTtlSeconds: 432000,
  stateTokenTtlSeconds: 600,
  rotateSessionToken: false,
  disabledUser: 'ACCESS_DENIED',
  passwordWarnDays: 7,
  passwordMaxAgeDays: 90,
  passwordExpiredStatus: 'PASSWORD_EXPIRED',
  passwordPolicy: {
    minLength: 8,
    maxLength: 18,
    regEx: '^(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])(?=.*[^a-zA-Z0-9]).{8,18}$',
  },
  captcha: { tolerancePx: 5, ttlSeconds: 120, tokenTtlSeconds: 300 },
  otp: { length: 6, ttlSeconds: 300, maxAttempts: 5, resendIntervalSeconds: 60, maxPerHour: 10, fixedCode: null },
  platform: {
    wechatLoginCodeTtlSeconds: 300,
    wechatPhoneCodeTtlSeconds: 300,
    alipayAuthCodeTtlSeconds: 300,
    alipayPhoneTtlSeconds: 300,
    otherTokenTtlSeconds: 600,
  },
  accountCenter: {
    twoFactor: 'auto',
    fIdTtlSeconds: 600,
    maxVerifyAttempts: 5,
    passwordHistory: 3,
    failureHttpStatus: 200,
  },
  quirks: { leadingSpaceStatus: true, leadingSpaceErrors: true, alipayNoIdToken: true },
};

export type SettingsPatch = {
  [K in keyof TenantSettings]?: TenantSettings[K] extends unknown[]
    ? TenantSettings[K]
    : TenantSettings[K] extends object | null
      ? Partial<NonNullable<TenantSettings[K]>> | null
      : TenantSettings[K];
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const hasOwn = (o: object, key: string): boolean => Object.hasOwn(o, key);

/** What a setting's value must be, from its default: null defaults (issuer, fixedCode) also take a string. */
function checkValue(name: string, value: unknown, fallback: unknown): void {
  if (fallback === null) {
    if (value !== null && typeof value !== 'string') throw new Error(`setting "${name}" must be a string or null`);
  } else if (Array.isArray(fallback)) {
    if (!Array.isArray(value)) throw new Error(`setting "${name}" must be an array`);
  } else if (typeof value !== typeof fallback || value === null) {
    throw new Error(`setting "${name}" must be a ${typeof fallback}`);
  }
}

/**
 * Returns `base` with `patch` applied; nested plain objects merge one level deep. A name is known
 * only as an own property of DEFAULT_SETTINGS (or of its group), so `toString`, `constructor`,
 * `hasOwnProperty` and `__proto__` are unknown settings like any other; values keep their default's type.
 */
export function mergeSettings(base: TenantSettings, patch: SettingsPatch | undefined): TenantSettings {
  if (patch === undefined || patch === null) return base;
  if (!isPlainObject(patch)) throw new Error('settings must be an object');
  const defaults = DEFAULT_SETTINGS as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (!hasOwn(defaults, key)) throw new Error(`unknown setting "${key}"`);
    if (value === undefined) continue;
    const fallback = defaults[key];
    if (isPlainObject(fallback)) {
      if (!isPlainObject(value)) throw new Error(`setting "${key}" must be an object`);
      for (const [inner, innerValue] of Object.entries(value)) {
        if (!hasOwn(fallback, inner)) throw new Error(`unknown setting "${key}.${inner}"`);
        checkValue(`${key}.${inner}`, innerValue, fallback[inner]);
      }
      out[key] = { ...(out[key] as Record<string, unknown>), ...value };
    } else {
      checkValue(key, value, fallback);
      out[key] = value;
    }
  }
  return out as unknown as TenantSettings;
}
