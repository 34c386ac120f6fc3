/**
 * The shapes of what mini-program APIs take and give (`wx`, `my`, Taro, uni), as the adapters use
 * them. Types only: no runtime code.
 */
import type { HttpMethod } from './types';

/** The `success`/`fail` pair every callback-style mini-program API accepts. */
export interface NativeCallbacks<S> {
  success(result: S): void;
  fail(error: unknown): void;
}

/**
 * What `wx.request`, `my.request` and `Taro.request` hand to `success`, and what Alipay hands to
 * `fail` on an HTTP error status: WeChat and Taro say `statusCode`/`header`, Alipay `status`/`headers`.
 */
export interface NativeResponse {
  statusCode?: number;
  status?: number;
  header?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  data?: unknown;
}

/** The options the adapters pass to `wx.request`, `my.request` and `Taro.request`. */
export interface NativeRequestOptions extends NativeCallbacks<NativeResponse> {
  url: string;
  method: HttpMethod;
  data?: string;
  timeout: number;
  dataType: 'text';
  /** WeChat and Taro. */
  header?: Record<string, string>;
  /** Alipay. */
  headers?: Record<string, string>;
}

/** What `wx.login` / `Taro.login` (`code`) and `my.getAuthCode` (`authCode`) hand to `success`. */
export interface NativeLoginResult {
  code?: string;
  authCode?: string;
}

/** Options for `wx.getRandomValues` / `Taro.getRandomValues`. */
export interface NativeRandomOptions extends NativeCallbacks<{ randomValues?: ArrayBuffer }> {
  length: number;
}

/** The system-info fields the adapters read, as WeChat and Alipay name them. */
export interface NativeSystemInfo {
  system?: string;
  platform?: string;
  brand?: string;
  model?: string;
  language?: string;
  /** Host app version. */
  version?: string;
  SDKVersion?: string;
}
