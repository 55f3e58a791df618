import type { RawResponse } from './request.js'
import { finalFailure, type Failure, type StopCounts } from './failure.js'
import { oneLine } from './text.js'
import { retryAfterMs } from './retry-after.js'
import { countFields, type Product } from './products.js'
import { wordsForStatus } from './status-words.js'

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
  product: Product,
  now: number
): Interpretation {
  const json = parseJson(response.body)
  const apiMessage = messageOf(json)
  // The API answers 200; another 2xx with a good body means the same.
  if (response.status >= 200 && response.status < 300) {
    return interpretSuccess(response, json, product)
  }
  return {
    answered: false,
    failure: statusFailure(response, apiMessage, json, product, now)
  }
}

function interpretSuccess(
  response: RawResponse,
  json: unknown,
  product: Product
): Interpretation {
  const { name } = product
  const fail = (problem: string): Interpretation => ({
    answered: false,
    failure: finalFailure(
      `${name} answered HTTP ${response.status} with ${problem}` +
        ` (${describeBody(response)})`,
      `The call may still have stopped ${product.noun.many}.` +
        ' Run the action again to' +
        ' see; if this persists, the API or something between changed.'
    )
  })
  if (!isRecord(json)) return fail('a body that is not a JSON object')
  const info = json.request_info
  const apiMessage = messageOf(json)
  const counts = countsOf(json, product)
  if (isRecord(info) && info.success === false) {
    return {
      answered: false,
      failure: finalFailure(
        `${name} reported that the call failed` + quoted(apiMessage),
        `Check the message above and your ${name} dashboard.`,
        { apiMessage, counts }
      )
    }
  }
  if (!isRecord(info) || info.success !== true) {
    return fail('no request_info.success of true')
  }
  if (counts === undefined) {
    const fields = countFields(product)
    return fail(`no whole, non-negative ${fields.stopped} and ${fields.failed}`)
  }
  return { answered: true, answer: { counts, message: apiMessage ?? '' } }
}

function statusFailure(
  response: RawResponse,
  apiMessage: string | undefined,
  json: unknown,
  product: Product,
  now: number
): Failure {
  const status = response.status
  const said = `HTTP ${status}` + quoted(apiMessage, describeBody(response))
  if (status >= 300 && status < 400) {
    const location = oneLine(response.headers.location ?? 'nowhere')
    return finalFailure(
      `The API address answered a redirect to ${location} (HTTP ${status})`,
      'Set api-url to the address the API is served at; the action does' +
        ' not follow redirects with the key in the URL.',
      { apiMessage }
    )
  }
  const { what, advice } = wordsForStatus(status, product)
  return {
    reason: `${what} (${said})`,
    advice,
    transient: TRANSIENT_STATUSES.has(status),
    mayHaveReachedApi: MAYBE_PROCESSED_STATUSES.has(status),
    retryAfterMs: TRANSIENT_STATUSES.has(status)
      ? retryAfterMs(response.headers, json, now)
      : undefined,
    apiMessage
  }
}

/** The counts, if both are whole numbers of zero or more. */
function countsOf(
  json: Record<string, unknown>,
  product: Product
): StopCounts | undefined {
  const fields = countFields(product)
  const stopped = json[fields.stopped]
  const failed = json[fields.failed]
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
