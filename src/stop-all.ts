import * as log from './log.js'
import type { Clock } from './clock.js'
import type { Settings } from './settings.js'
import type { Failure } from './failure.js'
import { getWithDeadline } from './request.js'
import { encodeKeyForQuery } from './secrets.js'
import { interpretResponse, type StopAnswer } from './response.js'
import { interpretError } from './network.js'
import { MAX_WAIT_MS, waitBeforeRetry } from './backoff.js'
import { oneLine, plural } from './text.js'

/** How the call ended, after every attempt it was given. */
export type StopResult = (
  { answered: true; answer: StopAnswer } | { answered: false; failure: Failure }
) & {
  attempts: number
  /** An earlier attempt may have stopped batches no answer counted. */
  uncounted: boolean
}

/** The address of the stop-all call, with the key in its query. */
export function stopAllUrl(settings: Settings): string {
  const key = encodeKeyForQuery(settings.apiKey)
  const path = `${settings.product.noun.many}/stopall`
  return `${settings.apiUrl}/${path}?api_key=${key}`
}

/** Calls stop-all, retrying transient failures as the settings allow. */
export async function stopAllBatches(
  settings: Settings,
  clock: Clock
): Promise<StopResult> {
  const url = stopAllUrl(settings)
  const maxAttempts = settings.retries + 1
  let uncounted = false
  for (let attempt = 1; ; attempt++) {
    const result = await attemptOnce(url, settings, clock)
    if (result.answered) {
      return { ...result, attempts: attempt, uncounted }
    }
    const failure = result.failure
    log.debug(`Attempt ${attempt} failed: ${failure.reason}`)
    if (!failure.transient || attempt === maxAttempts) {
      return { answered: false, failure, attempts: attempt, uncounted }
    }
    const waitMs = waitBeforeRetry(attempt, failure, () => clock.random())
    if (waitMs === undefined) {
      return {
        answered: false,
        failure: waitTooLong(failure, clock.now()),
        attempts: attempt,
        uncounted
      }
    }
    uncounted ||= failure.mayHaveReachedApi
    log.info(
      `Attempt ${attempt} of ${maxAttempts} failed: ${failure.reason}.` +
        ` Trying again in ${(waitMs / 1000).toFixed(1)} s.`
    )
    await clock.sleep(waitMs)
  }
}

async function attemptOnce(url: string, settings: Settings, clock: Clock) {
  const started = clock.now()
  try {
    const response = await getWithDeadline(url, settings.timeoutMs)
    const trace = response.headers['x-trace-id']
    log.debug(
      `HTTP ${response.status} in ${clock.now() - started} ms` +
        (trace === undefined ? '' : `, X-Trace-ID ${oneLine(String(trace))}`)
    )
    return interpretResponse(response, settings.product, clock.now())
  } catch (thrown) {
    log.debug(`No answer after ${clock.now() - started} ms`)
    const host = new URL(settings.apiUrl).host
    return { answered: false as const, failure: interpretError(thrown, host) }
  }
}

// Past this, a date would be absurd (or, past year 275760, not a date).
const LONGEST_DATED_WAIT_MS = 366 * 24 * 3600 * 1000

function waitTooLong(failure: Failure, now: number): Failure {
  const askedMs = failure.retryAfterMs ?? 0
  const after =
    askedMs > LONGEST_DATED_WAIT_MS
      ? 'a year or more from now'
      : new Date(now + askedMs).toISOString()
  return {
    ...failure,
    reason:
      `${failure.reason}; the server asked to wait ` +
      `${Math.ceil(askedMs / 1000)} s before trying again`,
    advice:
      `That is longer than the action waits (${MAX_WAIT_MS / 1000} s):` +
      ` run it again after ${after}.`,
    transient: false
  }
}

/** The failure as the step reports it, once the action gives up. */
export function describeFailure(failure: Failure, attempts: number): string {
  const tries = attempts > 1 ? ` after ${plural(attempts, 'attempt')}` : ''
  return `${failure.reason}${tries}. ${failure.advice}`
}
