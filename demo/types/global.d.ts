/// <reference types="@tarojs/taro" />

declare module '*.css';

/** Set by config/index.ts (defineConstants) at build time. */
declare const IDAAS_BASE_URL: string;
declare const IDAAS_SIMULATED: boolean;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'alipay' | 'h5' | string;
  }
}
