import type { KeyValueStorage, Platform, SystemInfo } from '../platform/types';
import { weakRandomBytes } from '../util/bytes';
import { guarded } from '../util/guarded';
import { hex } from '../util/hex';
import { SDK_VERSION } from '../version';

/** Per install, not per client: one device has one fingerprint whatever tenant it talks to. */
export const FINGERPRINT_KEY = 'idaas:v1:device-fingerprint';

export interface DeviceHeaderOptions {
  clientId: string;
  /** The per-call limit; the wait for random bytes is a quarter of it at most. */
  timeoutMs?: number;
  /** Where the fingerprint is kept. */
  storage: KeyValueStorage;
  /** `X-L`; defaults to the host app's language. */
  language?: string;
  /** `X-device-ip`, sent only when given (a mini program cannot see its public IP). */
  deviceIp?: string;
  /** `X-tenant-id` (Huawei Cloud OneAccess ISV apps), already validated by createClientFor. */
  tenantId?: string;
}

const ignore = () => undefined;

/** Header values must be printable ASCII: Alipay rejects others and some proxies mangle them. */
function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '').trim();
}

/**
 * Maps the host language (`zh_CN`, `zh-Hant`, `en_US`) to the vendor's `X-L` values: `zh` for
 * Chinese, `en` for any other language, `zh` when none is known. The same rule as the messages
 * entry's `messageLanguage`, so server words and the SDK's sentences come in one language.
 * @example
 * vendorLanguage('zh_CN') // 'zh'
 */
export function vendorLanguage(language: string | undefined): string {
  const primary = (language || '').toLowerCase().split(/[-_]/)[0];
  return primary === 'zh' || !/^[a-z]{2,3}$/.test(primary) ? 'zh' : 'en';
}

function agent(info: SystemInfo, platformName: string): string {
  const parts = [
    platformName,
    info.hostName && `${info.hostName}/${info.hostVersion || '?'}`,
    info.system,
    info.model,
    info.sdkVersion && `base/${info.sdkVersion}`,
  ].filter(Boolean);
  return headerSafe(`idaas-miniprogram/${SDK_VERSION} (${parts.join('; ')})`);
}

/** The install's fingerprint as stored, if it is one (anything else is absent, and replaced). */
function storedFingerprint(storage: KeyValueStorage): string | undefined {
  let stored: unknown;
  // Unreadable storage: a fresh fingerprint for this launch is the best we can do.
  guarded(() => {
    stored = storage.get(FINGERPRINT_KEY);
  }, ignore);
  return typeof stored === 'string' && /^[0-9a-f]{16,64}$/.test(stored) ? stored : undefined;
}

/**
 * Reads the install's fingerprint, creating and persisting it on first use. Storage faults are
 * survivable, and so is a random source that fails or never calls back: after `waitMs` the bytes
 * come from Math.random (the fingerprint identifies the install; it is not a secret).
 */
function fingerprint(platform: Platform, storage: KeyValueStorage, waitMs: number): Promise<string> {
  const stored = storedFingerprint(storage);
  if (stored) return Promise.resolve(stored);
  let timer: ReturnType<typeof setTimeout>;
  return new Promise<unknown>((resolve) => {
    // Whichever comes first; a failure resolves too (with the error, which is not bytes).
    timer = setTimeout(resolve, waitMs);
    // Through then(): a randomBytes that throws synchronously is handled like one that rejects.
    Promise.resolve()
      .then(() => platform.randomBytes(16))
      .then(resolve, resolve);
  }).then((bytes) => {
    // Nothing stays scheduled once the bytes are in (a suspended app must not depend on timers).
    clearTimeout(timer);
    let created = '';
    guarded(() => {
      created = hex(Object(bytes));
    }, ignore);
    if (!/^[0-9a-f]{32}$/.test(created)) created = hex(weakRandomBytes(16));
    // Another client of this install may have created one while the bytes were on their way (two
    // clients created at once): the first one stored wins, so one install sends one fingerprint.
    // A failed write keeps it in memory for this launch; the token manager reports storage trouble.
    const winner = storedFingerprint(storage);
    if (winner) return winner;
    guarded(() => storage.set(FINGERPRINT_KEY, created), ignore);
    return created;
  });
}

/**
 * The documented device headers, computed once per client on the first request (never at
 * import, so creating a client touches no platform API until it is used).
 */
export function deviceHeaders(platform: Platform, options: DeviceHeaderOptions): Promise<Record<string, string>> {
  let info: SystemInfo = {};
  try {
    info = platform.getSystemInfo() || {};
  } catch {
    // Adapters promise not to throw; a custom one might. Headers fall back to 'unknown'.
  }
  // wx.getRandomValues answers in milliseconds; a wait this long means it never will.
  return fingerprint(platform, options.storage, Math.min(500, (options.timeoutMs || 15000) / 4)).then((print) => {
    const headers: Record<string, string> = {
      'X-client-id': options.clientId,
      'X-device-fingerprint': print,
      'X-operating-sys-version': headerSafe(info.system || info.platform || '') || 'unknown',
      'X-agent': agent(info, platform.name),
      'X-L': vendorLanguage(options.language || info.language),
      'content-type': 'application/json',
    };
    if (options.deviceIp) headers['X-device-ip'] = headerSafe(options.deviceIp);
    if (options.tenantId) headers['X-tenant-id'] = options.tenantId;
    return headers;
  });
}
