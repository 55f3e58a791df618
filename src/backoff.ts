import type { Failure } from './failure.js'

/** The longest the action waits between two attempts. */
export const MAX_WAIT_MS = 60_000
/** The wait before the first retry is half to all of this. */
export const BACKOFF_BASE_MS = 1_000

/**
 * How long to wait before retry number `retry` (from 1), or undefined when
 * the server asked for a longer wait than the action makes.
 *
 * Jitter keeps runs that failed together from retrying together: an
 * exponential wait is drawn from its upper half, and a server's
 * Retry-After gets a random share of that wait on top.
 */
export function waitBeforeRetry(
  retry: number,
  failure: Failure,
  random: () => number
): number | undefined {
  const ceiling = BACKOFF_BASE_MS * 2 ** (retry - 1)
  const backoff = ceiling / 2 + (random() * ceiling) / 2
  const asked = failure.retryAfterMs
  if (asked === undefined) return Math.min(backoff, MAX_WAIT_MS)
  if (asked > MAX_WAIT_MS) return undefined
  return Math.min(asked + random() * backoff, MAX_WAIT_MS)
}
