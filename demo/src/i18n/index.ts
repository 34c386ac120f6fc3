/**
 * The demo's language: zh-CN on a Chinese system, en otherwise (the SDK's messageLanguage reads the
 * host app: WeChat, Alipay, or the browser), unless the user picked one with the switch (kept in
 * storage) or, on h5, the address says `?lang=zh` / `?lang=en`. The SDK client gets the same
 * language for `X-L`, and every error goes through describeError in it.
 */
import Taro from '@tarojs/taro';
import { type MessageLanguage, messageLanguage } from 'idaas-miniprogram/messages';
import { STRINGS, type Strings } from './strings';

/** A message the demo itself raises, already in the user's language: shown as it is. */
export class DemoMessage extends Error {}

const KEY = 'idaas-demo:language';
const h5 = process.env.TARO_ENV === 'h5';

function isLanguage(value: unknown): value is MessageLanguage {
  return value === 'zh' || value === 'en';
}

function initialLanguage(): MessageLanguage {
  if (h5 && typeof window !== 'undefined') {
    const asked = new URLSearchParams(window.location.search).get('lang');
    if (isLanguage(asked)) return asked;
  }
  try {
    const stored = Taro.getStorageSync(KEY);
    if (isLanguage(stored)) return stored;
  } catch (_) {
    // No storage: follow the host.
  }
  return messageLanguage();
}

/** The language of this run (live binding: a mini program's switch changes it in place). */
export let language: MessageLanguage = initialLanguage();

/** The strings of the current language. */
export let t: Strings = STRINGS[language];

/**
 * Switches to the other language: remembered, then the app starts again in it (on h5 a reload, so
 * the client's `X-L` follows too; a mini program relaunches its pages).
 */
export function switchLanguage() {
  const next: MessageLanguage = language === 'zh' ? 'en' : 'zh';
  Taro.setStorageSync(KEY, next);
  language = next;
  t = STRINGS[next];
  if (h5 && typeof window !== 'undefined') {
    const url = new URL(window.location.href);
    url.searchParams.set('lang', next);
    window.location.replace(url.toString());
  } else {
    Taro.reLaunch({ url: '/pages/index/index' });
  }
}
