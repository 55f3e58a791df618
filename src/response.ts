import type { RawResponse } from './request.js'
import { finalFailure, type Failure, type StopCounts } from './failure.js'
import { oneLine } from './text.js'
import { retryAfterMs } from './retry-after.js'

/** A stop-all call that the API processed, with its counts. */
export interface StopAnswer {
  counts: StopCounts
  /** request_info.message: for people, never for logic. */
  message: string
}

export type Interpretation =
  { answered: true; answer: StopAnswer } | { answered: false; failure: Failure }

// The statuses that an API or the CDN in front of it uses for "not now".
const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504])
// Of those, the ones that can come after the API had started its work.
const MAYBE_PROCESSED_STATUSES = new Set([500, 502, 504])

/** Reads what the API answered into counts, or a failure with advice. */
export function interpretResponse(
  response: RawResponse,
  now: number
): Interpretation {
  const json = parseJson(response.body)
  const apiMessage = messageOf(json)
  // The API answers 200; another 2xx with a good body means the same.
  if (response.status >= 200 && response.status < 300) {
    return interpretSuccess(response, json)
  }
  return {
    answered: false,
    failure: statusFailure(response, apiMessage, json, now)
  }
}

function interpretSuccess(
  response: RawResponse,
  json: unknown
): Interpretation {
  const fail = (problem: string): Interpretation => ({
    answered: false,
    failure: finalFailure(
      `SerpWow answered HTTP ${response.status} with ${problem}` +
        ` (${describeBody(response)})`,
      'The call may still have stopped batches. Run the action again to' +
        ' see; if this persists, the API or something between changed.'
    )
  })
  if (!isRecord(json)) return fail('a body that is not a JSON object')
  const info = json.request_info
  const apiMessage = messageOf(json)
  const counts = countsOf(json)
  if (isRecord(info) && info.success === false) {
    return {
      answered: false,
      failure: finalFailure(
        `SerpWow reported that the call failed` + quoted(apiMessage),
        'Check the message above and your SerpWow dashboard.',
        { apiMessage, counts }
      )
    }
  }
  if (!isRecord(info) || info.success !== true) {
    return fail('no request_info.success of true')
  }
  if (counts === undefined) {
    return fail(
      'no whole, non-negative batches_stopped and batches_failed_to_stop'
    )
  }
  return { answered: true, answer: { counts, message: apiMessage ?? '' } }
}

function statusFailure(
  response: RawResponse,
  apiMessage: string | undefined,
  json: unknown,
  now: number
): Failure {
  const status = response.status
  const said = `HTTP ${status}` + quoted(apiMessage, describeBody(response))
  const extra = { apiMessage }
  if (TRANSIENT_STATUSES.has(status)) {
    return {
      reason: `${transientWhat(status)} (${said})`,
      advice: transientAdvice(status),
      transient: true,
      mayHaveReachedApi: MAYBE_PROCESSED_STATUSES.has(status),
      retryAfterMs: retryAfterMs(response.headers, json, now),
      apiMessage
    }
  }
  if (status >= 300 && status < 400) {
    const location = oneLine(response.headers.location ?? 'nowhere')
    return finalFailure(
      `The API address answered a redirect to ${location} (HTTP ${status})`,
      'Set api-url to the address the Batches API is served at; the' +
        ' action does not follow redirects with the key in the URL.',
      extra
    )
  }
  const known = KNOWN_REFUSALS[status]
  if (known !== undefined) {
    return finalFailure(`${known.what} (${said})`, known.advice, extra)
  }
  return finalFailure(
    `SerpWow refused the request (${said})`,
    status >= 500
      ? 'Check status.serpwow.com and run the action again later.'
      : 'Check the inputs of this step against the README.',
    extra
  )
}

const KNOWN_REFUSALS: Record<number, { what: string; advice: string }> = {
  400: {
    what: 'SerpWow rejected the request as malformed',
    advice: 'Check api-url: it must be the base of the Batches API.'
  },
  401: {
    what: 'SerpWow rejected the API key',
    advice:
      'Check that the secret passed as api-key holds the key shown in' +
      ' your SerpWow dashboard, and that the step can read the secret.'
  },
  402: {
    what:
      'SerpWow refused the call: the account is out of credits or has' +
      ' a payment problem',
    advice: 'Check the plan and billing of the account in SerpWow.'
  },
  403: {
    what: 'SerpWow refused access to the Batches API',
    advice: 'Check that the key and its plan may use the Batches API.'
  },
  404: {
    what: 'Nothing answers at the API address',
    advice:
      'Check api-url: it must be the base of the Batches API, such as' +
      ' https://api.serpwow.com/live, without /batches.'
  }
}

function transientWhat(status: number): string {
  if (status === 429) return 'SerpWow rate limited the call'
  if (status === 408) return 'The server timed out waiting for the request'
  return 'SerpWow had a server problem'
}

function transientAdvice(status: number): string {
  if (status === 429) {
    return (
      'Wait a minute and run the action again; if this keeps' +
      ' happening, fewer calls to the API at once will help.'
    )
  }
  return 'Check status.serpwow.com and run the action again later.'
}

/** The counts, if both are whole numbers of zero or more. */
function countsOf(json: Record<string, unknown>): StopCounts | undefined {
  const stopped = json.batches_stopped
  const failed = json.batches_failed_to_stop
  if (isCount(stopped) && isCount(failed)) return { stopped, failed }
  return undefined
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0
}

/** request_info.message, or the top-level message of an incident answer. */
function messageOf(json: unknown): string | undefined {
  if (!isRecord(json)) return undefined
  const info = json.request_info
  const message = isRecord(info) ? info.message : json.message
  return typeof message === 'string' && message.trim() !== ''
    ? oneLine(message)
    : undefined
}

function quoted(apiMessage: string | undefined, otherwise = ''): string {
  if (apiMessage !== undefined) return `: "${apiMessage}"`
  return otherwise === '' ? '' : `, ${otherwise}`
}

/** Content type and the start of the body, for a body nobody expected. */
function describeBody(response: RawResponse): string {
  const type = oneLine(response.headers['content-type'] ?? 'none')
  const excerpt = oneLine(response.body, 80)
  return excerpt === ''
    ? `content type ${type}, empty body`
    : `content type ${type}, body starts "${excerpt}"`
}

function parseJson(body: string): unknown {
  try {
    // A byte order mark is legal before UTF-8 JSON; JSON.parse rejects it.
    return JSON.parse(body.replace(/^\uFEFF/, ''))
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
