/**
 * The timing rules of the token manager, in one place so they are easy to read and to test.
 */

/** Refresh when less than min(60 s, 20 % of the token's life) remains. */
export function refreshMargin(lifetimeMs: number): number {
  return Math.min(60000, Math.max(0, lifetimeMs) * 0.2);
}

/** Used when an id_token carries no usable `exp`/`iat`: refresh it after five minutes. */
export const FALLBACK_ID_TOKEN_LIFETIME = 5 * 60 * 1000;

/** At most this many refreshes in {@link REFRESH_WINDOW_MS} before the loop breaker trips. */
export const MAX_REFRESHES_PER_WINDOW = 10;
export const REFRESH_WINDOW_MS = 60 * 1000;

const BACKOFF_BASE_MS = 1000;
/** The longest backoff; a wait longer than this can only come from the clock being set back. */
export const BACKOFF_CAP_MS = 30 * 1000;

/**
 * Delay before the next refresh attempt after `failures` transient failures in a row. The first
 * failure allows an immediate retry (the next call starts afresh); from the second on it is
 * exponential from 1 s, capped at 30 s, with "equal jitter" (half fixed, half random) so many
 * devices coming back online do not retry in step.
 */
export function backoffDelay(failures: number, random: () => number): number {
  if (failures <= 1) return 0;
  // biome-ignore lint/style/useExponentiationOperator: ES2015 has no `**`; lowered, it adds a Math.pow alias to every app.
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * Math.pow(2, failures - 2));
  return ceiling / 2 + (ceiling / 2) * random();
}
