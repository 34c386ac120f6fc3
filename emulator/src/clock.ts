/**
 * The emulator's controllable clock. Every expiry (captchas, OTPs, platform codes, state tokens,
 * sessions, id_tokens) reads `now()` from here, so tests can jump forward instead of waiting.
 * By default it ticks with real time plus an offset; `freeze()` stops it at the current value.
 */
export interface Clock {
  /** Current emulator time, epoch milliseconds. */
  now(): number;
  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void;
  /** Sets the clock to an absolute epoch-millisecond value; it keeps ticking from there unless frozen. */
  set(ms: number): void;
  /** Stops (true) or restarts (false) the clock at its current value. */
  freeze(frozen?: boolean): void;
  readonly frozen: boolean;
}

export function createClock(start?: number, realNow: () => number = Date.now): Clock {
  let offset = start === undefined ? 0 : start - realNow();
  let frozenAt: number | undefined;
  const clock: Clock = {
    now: () => (frozenAt !== undefined ? frozenAt : realNow() + offset),
    advance(ms) {
      if (!Number.isFinite(ms)) throw new TypeError('advance: ms must be a finite number');
      if (frozenAt !== undefined) frozenAt += ms;
      else offset += ms;
    },
    set(ms) {
      if (!Number.isFinite(ms)) throw new TypeError('set: ms must be a finite number');
      if (frozenAt !== undefined) frozenAt = ms;
      else offset = ms - realNow();
    },
    freeze(frozen = true) {
      if (frozen && frozenAt === undefined) frozenAt = clock.now();
      if (!frozen && frozenAt !== undefined) {
        offset = frozenAt - realNow();
        frozenAt = undefined;
      }
    },
    get frozen() {
      return frozenAt !== undefined;
    },
  };
  return clock;
}
