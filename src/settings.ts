import * as core from '@actions/core'
import { InputError } from './errors.js'
import { oneLine } from './text.js'
import { MAX_KEY_LENGTH, MIN_KEY_LENGTH } from './secrets.js'
import { lettersOf } from './key-traces.js'
import { PRODUCTS, type Product } from './products.js'

/** Everything the action needs, read and checked once before any request. */
export interface Settings {
  /** The API key; a secret, masked before anything is logged. */
  apiKey: string
  /** The product whose stop-all call is made. */
  product: Product
  /** Base of its API, with no trailing slash: api-url, or its default. */
  apiUrl: string
  /** The most one attempt may take, connecting to last byte, in ms. */
  timeoutMs: number
  /** How many times a transient failure is tried again. */
  retries: number
  /** Whether batches that failed to stop fail the step. */
  failOnFailedBatches: boolean
}

export const MAX_TIMEOUT_SECONDS = 600
export const MAX_RETRIES = 10

// Whitespace or control characters inside a key mean a bad paste; such a
// key could also split the request line or a log line.
const UNSAFE_KEY_CHARACTER = /[\s\p{Cc}]/u
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/
const WHOLE_NUMBER = /^\d+$/

/** Reads the key alone, so that it can be masked before anything else. */
export function readApiKey(): string {
  return core.getInput('api-key')
}

/** Reads and validates every input; throws InputError on the first bad one. */
export function readSettings(apiKey: string): Settings {
  const product = parseProduct(core.getInput('api'))
  const apiUrl = core.getInput('api-url')
  return {
    apiKey: checkApiKey(apiKey),
    product,
    apiUrl: parseApiUrl(apiUrl === '' ? product.baseUrl : apiUrl),
    timeoutMs: parseTimeoutSeconds(core.getInput('timeout-seconds')) * 1000,
    retries: parseRetries(core.getInput('retries')),
    failOnFailedBatches: readBoolean('fail-on-failed-batches')
  }
}

function parseProduct(raw: string): Product {
  const id = raw.toLowerCase()
  // An own property only: "constructor" or "__proto__" name no product.
  const product = Object.hasOwn(PRODUCTS, id) ? PRODUCTS[id] : undefined
  if (product === undefined) {
    throw new InputError(
      'api',
      `one of ${Object.keys(PRODUCTS).join(', ')}`,
      quote(raw)
    )
  }
  return product
}

function checkApiKey(key: string): string {
  if (key === '') {
    throw new InputError(
      'api-key',
      'an API key, such as ${{ secrets.SERPWOW_API_KEY }}',
      'an empty value (is the secret set and passed to this step?)'
    )
  }
  if (UNSAFE_KEY_CHARACTER.test(key)) {
    throw new InputError(
      'api-key',
      'a key with no spaces, line breaks or control characters inside',
      'a value that has some (was more than the key pasted?)'
    )
  }
  if (key.length < MIN_KEY_LENGTH || key.length > MAX_KEY_LENGTH) {
    throw new InputError(
      'api-key',
      `a key of ${MIN_KEY_LENGTH} to ${MAX_KEY_LENGTH} characters`,
      // Not the length itself: a short key would be masked in it.
      key.length < MIN_KEY_LENGTH
        ? 'a shorter value (was the whole key pasted?)'
        : 'a longer value (was more than the key pasted?)'
    )
  }
  if (lettersOf(key).length < MIN_KEY_LENGTH) {
    throw new InputError(
      'api-key',
      `a key with at least ${MIN_KEY_LENGTH} letters or digits`,
      'a value with fewer'
    )
  }
  return key
}

function parseApiUrl(raw: string): string {
  const expected =
    'an https URL such as https://api.serpwow.com/live' +
    ' (plain http only for localhost or 127.0.0.1)'
  // Whatever else is wrong, a password in the URL is never shown back.
  const shown = quote(raw.replace(/\/\/[^/?#]*@/, '//***@'))
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new InputError('api-url', expected, shown)
  }
  // The parser drops a bare "?" or "#", so the raw text is checked too:
  // either would move /batches/stopall out of the path.
  if (url.username || url.password || /[?#]/.test(raw)) {
    throw new InputError(
      'api-url',
      'a base URL with no user name, password, query or fragment',
      shown
    )
  }
  const plainHttpToLoopback =
    url.protocol === 'http:' && isLoopbackHost(url.hostname)
  if (url.protocol !== 'https:' && !plainHttpToLoopback) {
    throw new InputError('api-url', expected, shown)
  }
  if (url.port === '0') {
    throw new InputError('api-url', 'a URL with a port from 1 to 65535', shown)
  }
  return url.href.replace(/\/+$/, '')
}

/** Hosts to which a request never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return (
    host === 'localhost' ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  )
}

function parseTimeoutSeconds(raw: string): number {
  const seconds = DECIMAL.test(raw) ? Number(raw) : NaN
  if (!(seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS)) {
    throw new InputError(
      'timeout-seconds',
      `a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}`,
      quote(raw)
    )
  }
  return seconds
}

function parseRetries(raw: string): number {
  const retries = WHOLE_NUMBER.test(raw) ? Number(raw) : NaN
  if (!(retries >= 0 && retries <= MAX_RETRIES)) {
    throw new InputError(
      'retries',
      `a whole number from 0 to ${MAX_RETRIES}`,
      quote(raw)
    )
  }
  return retries
}

function readBoolean(name: string): boolean {
  try {
    return core.getBooleanInput(name)
  } catch {
    throw new InputError(name, 'true or false', quote(core.getInput(name)))
  }
}

/** Shows a received value on one short line, with its ends visible. */
function quote(raw: string): string {
  return JSON.stringify(oneLine(raw, 80))
}
