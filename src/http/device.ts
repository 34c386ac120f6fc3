import type { KeyValueStorage, Platform, SystemInfo } from '../platform/types';
import { hex } from '../util/hex';
import { SDK_VERSION } from '../version';

/** Per install, not per client: one device has one fingerprint whatever tenant it talks to. */
export const FINGERPRINT_KEY = 'idaas:v1:device-fingerprint';

export interface DeviceHeaderOptions {
  clientId: string;
  /** Where the fingerprint is kept. */
  storage: KeyValueStorage;
  /** `X-L`; defaults to the host app's language. */
  language?: string;
  /** `X-device-ip`, sent only when given (a mini program cannot see its public IP). */
  deviceIp?: string;
}

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

/** Reads the install's fingerprint, creating and persisting it on first use. Storage faults are survivable. */
function fingerprint(platform: Platform, storage: KeyValueStorage): Promise<string> {
  let stored: string | null = null;
  try {
    stored = storage.get(FINGERPRINT_KEY);
  } catch {
    // Unreadable storage: a fresh fingerprint for this launch is the best we can do.
  }
  if (stored && /^[0-9a-f]{16,64}$/.test(stored)) return Promise.resolve(stored);
  // Through then(): a randomBytes that throws synchronously still becomes a rejection.
  return Promise.resolve()
    .then(() => platform.randomBytes(16))
    .then((bytes) => {
      const created = hex(bytes);
      try {
        storage.set(FINGERPRINT_KEY, created);
      } catch {
        // Kept in memory for this launch; the token manager reports storage trouble once.
      }
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
  return fingerprint(platform, options.storage).then((print) => {
    const headers: Record<string, string> = {
      'X-client-id': options.clientId,
      'X-device-fingerprint': print,
      'X-operating-sys-version': headerSafe(info.system || info.platform || '') || 'unknown',
      'X-agent': agent(info, platform.name),
      'X-L': vendorLanguage(options.language || info.language),
      'content-type': 'application/json',
    };
    if (options.deviceIp) headers['X-device-ip'] = headerSafe(options.deviceIp);
    return headers;
  });
}
