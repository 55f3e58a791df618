import type { IncomingHttpHeaders } from 'node:http'

const SECONDS = /^\d+$/
// IMF-fixdate, the HTTP date form: "Wed, 21 Oct 2026 07:28:00 GMT". A looser
// parse would read "-1" or "1.5" as dates in the past and skip the wait.
const HTTP_DATE =
  /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/

/**
 * How long the server asked to wait, from a Retry-After header (seconds or
 * an HTTP date) or the retry_after field of an incident answer; undefined
 * when it asked nothing readable.
 */
export function retryAfterMs(
  headers: IncomingHttpHeaders,
  json: unknown,
  now: number
): number | undefined {
  const header = headers['retry-after']?.trim()
  if (header !== undefined && header !== '') {
    if (SECONDS.test(header)) return Number(header) * 1000
    const date = HTTP_DATE.test(header) ? Date.parse(header) : NaN
    if (!Number.isNaN(date)) return Math.max(0, date - now)
  }
  if (typeof json === 'object' && json !== null && 'retry_after' in json) {
    const seconds = json.retry_after
    if (typeof seconds === 'number' && Number.isFinite(seconds)) {
      return Math.max(0, seconds) * 1000
    }
  }
  return undefined
}
