import type { Failure } from './failure.js'

/** The longest wait the action accepts from a server, or backs off. */
export const MAX_WAIT_MS = 60_000
/** The wait before the first retry is half to all of this. */
export const BACKOFF_BASE_MS = 1_000
/** Added, at random, to a wait the server asked for. */
export const RETRY_AFTER_JITTER_MS = 1_000

/**
 * How long to wait before retry number `retry` (from 1), or undefined when
 * the server asked for a longer wait than the action makes.
 *
 * Jitter keeps runs that failed together from retrying together: an
 * exponential wait is drawn from its upper half, and a server's
 * Retry-After gets up to a second more, even at the longest, so that runs
 * told the same time still spread out.
 */
export function waitBeforeRetry(
  retry: number,
  failure: Failure,
  random: () => number
): number | undefined {
  const asked = failure.retryAfterMs
  if (asked === undefined) {
    const ceiling = BACKOFF_BASE_MS * 2 ** (retry - 1)
    return Math.min(ceiling / 2 + (random() * ceiling) / 2, MAX_WAIT_MS)
  }
  if (asked > MAX_WAIT_MS) return undefined
  return asked + random() * RETRY_AFTER_JITTER_MS
}
