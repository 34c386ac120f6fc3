/**
 * The key-value store behind both simulated runtimes. It only keeps values and counts bytes; each
 * simulator wraps it with its platform's calling convention and failure style (WeChat throws,
 * Alipay answers `{success: false}`), see platform-facts.md §4.
 */

/** What tests see of a simulator's storage. */
export interface SimulatedStorage {
  /** Every key with a copy of its stored value, as the app would read it back. */
  snapshot(): Record<string, unknown>;
  keys(): string[];
  /** Every key and value serialized into one string, for "does this secret appear anywhere" checks. */
  dump(): string;
  /** Bytes in use, counted the way the limits are checked. */
  bytesUsed(): number;
  /** Puts a value directly, bypassing the limits and the fault switches (test setup). */
  put(key: string, value: unknown): void;
  clear(): void;
  /** Switch: reads fail (WeChat: `getStorageSync` throws). */
  failReads: boolean;
  /**
   * Switch: writes fail while removals still work (WeChat throws; Alipay answers `{success: false}`),
   * as when the quota is full: a set needs room, a remove frees it.
   */
  failSets: boolean;
  /** Switch: removals fail while writes still work. */
  failRemoves: boolean;
  /** Switch: writes and removals both fail (sets {@link failSets} and {@link failRemoves} together). */
  failWrites: boolean;
}

/** Per-key and total limits in bytes. */
export interface StorageLimits {
  perKey: number;
  total: number;
}

/** Size of a value as the limits see it: UTF-8 bytes of a string, of the JSON text otherwise. */
export function valueBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  const json = JSON.stringify(value);
  return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
}

/** The outcome of a write the area refused, for the wrapper to report its platform's way. */
export type WriteRefusal = 'per-key' | 'total' | 'fault';

export class StorageArea implements SimulatedStorage {
  private readonly items = new Map<string, unknown>();
  failReads = false;
  failSets = false;
  failRemoves = false;

  get failWrites(): boolean {
    return this.failSets && this.failRemoves;
  }

  set failWrites(fail: boolean) {
    this.failSets = this.failRemoves = fail;
  }

  constructor(readonly limits: StorageLimits) {}

  has(key: string): boolean {
    return this.items.has(key);
  }

  /** A copy of the stored value (structured clone, like reading it back from disk). */
  read(key: string): unknown {
    return structuredClone(this.items.get(key));
  }

  /** Stores a copy of `value`, or says why it was refused (nothing changes then). */
  write(key: string, value: unknown): WriteRefusal | undefined {
    if (this.failSets) return 'fault';
    const size = Buffer.byteLength(key, 'utf8') + valueBytes(value);
    if (valueBytes(value) > this.limits.perKey) return 'per-key';
    const others = this.bytesUsed() - (this.items.has(key) ? this.entryBytes(key) : 0);
    if (others + size > this.limits.total) return 'total';
    this.items.set(key, structuredClone(value));
    return undefined;
  }

  /** Removes a key (a missing key is fine, as on both platforms). */
  remove(key: string): WriteRefusal | undefined {
    if (this.failRemoves) return 'fault';
    this.items.delete(key);
    return undefined;
  }

  private entryBytes(key: string): number {
    return Buffer.byteLength(key, 'utf8') + valueBytes(this.items.get(key));
  }

  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of this.items.keys()) out[key] = this.read(key);
    return out;
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  dump(): string {
    return [...this.items].map(([key, value]) => `${key}=${JSON.stringify(value)}`).join('\n');
  }

  bytesUsed(): number {
    let total = 0;
    for (const key of this.items.keys()) total += this.entryBytes(key);
    return total;
  }

  put(key: string, value: unknown): void {
    this.items.set(key, structuredClone(value));
  }

  clear(): void {
    this.items.clear();
  }
}
