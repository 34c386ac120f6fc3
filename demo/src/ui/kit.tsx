/** Small building blocks shared by the pages. */
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { DemoMessage, switchLanguage, t } from '../i18n';
import { errorText, home } from '../idaas';

/** A page: its title, a way back (every page but Home) and the language switch. */
export function Page({ title, children, root }: { title: string; children: ReactNode; root?: boolean }) {
  // The mini programs' navigation bar (and the h5 tab title) in the page's language too.
  useEffect(() => {
    Taro.setNavigationBarTitle({ title }).catch(() => undefined);
  }, [title]);
  const back = () => {
    // A page opened directly (a reload, a shared link) has nothing behind it: back means Home.
    const stack = Taro.getCurrentPages ? Taro.getCurrentPages() : [];
    if (stack.length > 1) Taro.navigateBack();
    else home();
  };
  return (
    <View className="page">
      <View className="page-bar">
        {root ? (
          <Text className="page-bar-spacer"> </Text>
        ) : (
          <Text className="link back" id="back" onClick={back}>
            {t.back}
          </Text>
        )}
        <Text className="link language-switch" id="language-switch" onClick={switchLanguage}>
          {t.languageSwitch}
        </Text>
      </View>
      <View className="page-title">{title}</View>
      {children}
    </View>
  );
}

export function Card({ title, children, id }: { title?: string; children: ReactNode; id?: string }) {
  return (
    // Taro renders an undefined id as the text "undefined": pass it only when there is one.
    <View className="card" {...(id ? { id } : {})}>
      {title && <View className="card-title">{title}</View>}
      {children}
    </View>
  );
}

/** True when a value holds something other than digits (and the spaces, `+` and `-` of a phone number). */
export function hasNonDigits(value: string): boolean {
  return /[^\d\s+-]/.test(value);
}

export function Field(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  password?: boolean;
  /** A number field: letters are kept and named (never silently dropped, as `type=number` does). */
  digits?: boolean;
  placeholder?: string;
}) {
  const problem = props.digits && hasNonDigits(props.value) ? t.digitsOnly(props.label) : '';
  return (
    <View className="field">
      <Text className="label">{props.label}</Text>
      <Input
        id={props.id}
        className={`input${problem ? ' input-invalid' : ''}`}
        value={props.value}
        password={props.password}
        type="text"
        placeholder={props.placeholder}
        onInput={(e) => props.onChange(e.detail.value)}
      />
      {problem && (
        <Text className="field-problem" id={`${props.id}-problem`}>
          {problem}
        </Text>
      )}
    </View>
  );
}

export function Action(props: {
  id?: string;
  children: ReactNode;
  onClick(): void;
  kind?: 'primary' | 'default' | 'warn';
  disabled?: boolean;
  loading?: boolean;
}) {
  // Taro h5 styles a button by the mere presence of `disabled`/`loading` (even "false"): pass
  // them only when they are on.
  const busy = props.disabled || props.loading;
  // A disabled button still delivers taps: Taro h5's button only stops the click's propagation,
  // which does not stop a handler bound on the element itself. So the button ignores them here.
  const tapped = () => {
    if (!busy) props.onClick();
  };
  return (
    <Button
      id={props.id}
      className={`action action-${props.kind || 'primary'}`}
      {...(busy ? { disabled: true } : {})}
      {...(props.loading ? { loading: true } : {})}
      onClick={tapped}
    >
      {props.children}
    </Button>
  );
}

/** An error in words (the caller passes errorText(e)). */
export function ErrorText({ children }: { children: string }) {
  return children ? (
    <View className="error" id="error">
      {children}
    </View>
  ) : null;
}

export function Notice({ children }: { children: string }) {
  return children ? (
    <View className="notice" id="notice">
      {children}
    </View>
  ) : null;
}

export function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <View className="row">
      <Text className="row-label">{label}</Text>
      <Text className="row-value">{value}</Text>
    </View>
  );
}

/** The IDaaS server's zone: the account center's times are UTC+8 wall-clock strings. */
export const SERVER_OFFSET_MINUTES = 8 * 60;

/** `UTC+8`, `UTC-5`, `UTC+5:30` for an offset east of UTC in minutes. */
export function zoneName(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const minutes = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

/**
 * A date and time in the device's zone, to the minute; the zone is named when it is not the
 * server's (UTC+8), so a time never reads as the other one.
 */
export function formatTime(ms: number | undefined): string {
  if (!ms || Number.isNaN(ms)) return '—';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const offset = -d.getTimezoneOffset();
  return offset === SERVER_OFFSET_MINUTES ? text : `${text} ${t.zoneNote(zoneName(offset))}`;
}

/** The instant of a server wall-clock time `yyyy-MM-dd HH:mm[:ss]` (UTC+8); NaN when unreadable. */
export function serverTime(text: string | undefined): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text || '');
  if (!m) return Number.NaN;
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
  return utc - SERVER_OFFSET_MINUTES * 60_000;
}

/** Input checks made before anything is spent (a captcha, a code, a state token). */
export const check = {
  mobile(value: string): string {
    const text = value.replace(/[\s-]/g, '');
    if (!/^(\+?86)?1\d{10}$/.test(text))
      throw new DemoMessage(hasNonDigits(value) ? t.digitsOnly(t.mobile) : t.enterMobile);
    return text;
  },
  email(value: string): string {
    const text = value.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) throw new DemoMessage(t.enterEmail);
    return text;
  },
  code(value: string): string {
    const text = value.trim();
    if (!/^\d{4,8}$/.test(text)) throw new DemoMessage(hasNonDigits(text) ? t.digitsOnly(t.code) : t.enterCode);
    return text;
  },
};

/** Seconds left before another code may be sent; `start(60)` after a send. Ticks once a second. */
export function useCountdown(): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return undefined;
    const timer = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return [left, setLeft];
}

/** The wait the emulator and the vendor's tenants enforce between two codes to one recipient. */
export const RESEND_SECONDS = 60;

/**
 * Runs async actions with a busy flag and the last error in words.
 *
 * - `busy` holds while any user action is on the way (a count, not a flag: the first of two to end
 *   must not re-enable buttons while the second still runs).
 * - A `background` run (a page refreshing itself when it shows) leaves `busy` alone, so it never
 *   disables, or spins, a button the user did not tap, and its error is dropped once the user has
 *   started anything newer: a reload that fails after a logout must not say "sign in again" over it.
 */
export function useAction() {
  const [running, setRunning] = useState(0);
  const [error, setError] = useState('');
  const latest = useRef(0);
  const run = async (action: () => Promise<void>, options?: { background?: boolean }) => {
    const background = !!options?.background;
    const mine = ++latest.current;
    if (!background) setRunning((n) => n + 1);
    setError('');
    try {
      await action();
    } catch (e) {
      if (!background || latest.current === mine) setError(errorText(e));
    } finally {
      if (!background) setRunning((n) => n - 1);
    }
  };
  return { busy: running > 0, error, setError, run };
}

/**
 * A text field's value that shows, and follows, a loaded value (the profile from a fresh id_token)
 * until the user edits it; from then on it is the user's. A reload that lands after they began
 * typing never overwrites what they typed, whether it is saved yet or not.
 */
export function useDraft(loaded: string): [string, (value: string) => void] {
  const [edited, setEdited] = useState<string | null>(null);
  return [edited === null ? loaded : edited, setEdited];
}
