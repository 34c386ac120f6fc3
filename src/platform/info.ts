/** System info: read best effort from whatever a runtime offers, normalized to {@link SystemInfo}. */
import type { NativeSystemInfo } from './native';
import type { SystemInfo } from './types';

/**
 * Merges what several readers return, skipping any that throw or return nothing, so one broken or
 * missing system API never costs the others (`wx.getSystemInfoSync` may throw, `my.getSystemInfoSync`
 * may return undefined). Later readers win.
 * @example
 * const raw = readInfo(() => my.env && { platform: my.env.platform }, () => my.getSystemInfoSync())
 */
export function readInfo(...readers: Array<() => NativeSystemInfo | undefined>): NativeSystemInfo {
  const info: NativeSystemInfo = {};
  for (const read of readers) {
    try {
      Object.assign(info, read());
    } catch (_) {
      // System info is best effort: a failing reader leaves its fields empty.
    }
  }
  return info;
}

/**
 * Reads system info through WeChat-style APIs (`wx` and Taro share the names): `getDeviceInfo` plus
 * `getAppBaseInfo` where they exist, else the deprecated `getSystemInfoSync`.
 * @example
 * const raw = wxStyleInfo(wx)
 */
export function wxStyleInfo(api: {
  getDeviceInfo?(): NativeSystemInfo;
  getAppBaseInfo?(): NativeSystemInfo;
  getSystemInfoSync?(): NativeSystemInfo | undefined;
}): NativeSystemInfo {
  // A missing method throws inside readInfo, which skips it.
  return typeof api.getDeviceInfo === 'function'
    ? readInfo(
        () => api.getDeviceInfo!(),
        () => api.getAppBaseInfo!(),
      )
    : readInfo(() => api.getSystemInfoSync!());
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * Maps raw system info to {@link SystemInfo}: strings only, and `platform` lower-cased with Alipay's
 * `iPhone OS` read as `ios`, so both runtimes report the same values.
 * @example
 * systemInfo({ platform: 'iPhone OS', version: '10.5.36' }, 'Alipay') // { platform: 'ios', hostVersion: '10.5.36', hostName: 'Alipay', ... }
 */
export function systemInfo(raw: NativeSystemInfo, hostName: string | undefined): SystemInfo {
  return {
    system: text(raw.system),
    platform: text((text(raw.platform) || '').toLowerCase().replace('iphone os', 'ios')),
    brand: text(raw.brand),
    model: text(raw.model),
    language: text(raw.language),
    hostName,
    hostVersion: text(raw.version),
    sdkVersion: text(raw.SDKVersion),
  };
}
