/** Small building blocks shared by the pages. */
import { Button, Input, Text, View } from '@tarojs/components';
import { type ReactNode, useState } from 'react';
import { errorText } from '../idaas';

export function Page({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className="page">
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

export function Field(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  password?: boolean;
  type?: 'text' | 'number' | 'digit';
  placeholder?: string;
}) {
  return (
    <View className="field">
      <Text className="label">{props.label}</Text>
      <Input
        id={props.id}
        className="input"
        value={props.value}
        password={props.password}
        type={props.type || 'text'}
        placeholder={props.placeholder}
        onInput={(e) => props.onChange(e.detail.value)}
      />
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
  return (
    <Button
      id={props.id}
      className={`action action-${props.kind || 'primary'}`}
      {...(busy ? { disabled: true } : {})}
      {...(props.loading ? { loading: true } : {})}
      onClick={props.onClick}
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

/** A date and time in the device's zone, to the minute. */
export function formatTime(ms: number | undefined): string {
  if (!ms) return '—';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Runs async actions with a busy flag and the last error in words. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await action();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
