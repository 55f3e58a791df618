import { finalFailure, type Failure } from './failure.js'
import { AnswerBrokenOff, AttemptTimeout, BodyTooLarge } from './request.js'
import { errorMessage } from './errors.js'
import { oneLine } from './text.js'

// Failures of the connection that a later attempt can get past. Refused
// and unreachable mean nothing was sent; the others may come after the
// request was read.
const NOTHING_SENT = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ETIMEDOUT'
])
const MAYBE_SENT = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])

// What the tunnel agent says when the proxy refuses a CONNECT.
const PROXY_REFUSED =
  /tunneling socket could not be established, statusCode=(\d+)/

const REACH_ADVICE =
  'Check api-url, and the network or proxy (HTTPS_PROXY, NO_PROXY) of' +
  ' the runner.'

/** Turns an error thrown while talking to the API into a failure. */
export function interpretError(thrown: unknown, host: string): Failure {
  if (thrown instanceof AttemptTimeout) {
    return {
      reason:
        `No complete answer from ${host} within` +
        ` ${thrown.timeoutMs / 1000} s`,
      advice:
        'Raise timeout-seconds if the API is slow, or check the' +
        ' network of the runner.',
      transient: true,
      mayHaveReachedApi: true
    }
  }
  if (thrown instanceof AnswerBrokenOff) {
    return {
      reason: `The answer from ${host} broke off before it was complete`,
      advice: REACH_ADVICE,
      transient: true,
      // It was answering: the call had arrived, and may have been done.
      mayHaveReachedApi: true
    }
  }
  if (thrown instanceof BodyTooLarge) {
    return finalFailure(
      `The answer from ${host} was cut off: ${thrown.message}`,
      'Check api-url: no answer of the Batches API is that large.'
    )
  }
  const code = errorCode(thrown)
  const detail = oneLine(errorMessage(thrown))
  const proxyStatus = PROXY_REFUSED.exec(detail)?.[1]
  if (proxyStatus !== undefined) return proxyFailure(Number(proxyStatus))
  if (NOTHING_SENT.has(code) || MAYBE_SENT.has(code)) {
    return {
      reason: `Could not reach ${host}: ${detail}`,
      advice: REACH_ADVICE,
      transient: true,
      mayHaveReachedApi: MAYBE_SENT.has(code)
    }
  }
  if (code === 'ENOTFOUND') {
    return finalFailure(`The host ${host} is not known (DNS)`, REACH_ADVICE)
  }
  if (/CERT|SSL|TLS|UNABLE_TO_(VERIFY|GET_ISSUER)/.test(code)) {
    return finalFailure(
      `The TLS certificate of ${host} is not trusted: ${detail}`,
      'If a proxy on this network inspects TLS, give Node its CA through' +
        ' NODE_EXTRA_CA_CERTS; otherwise check api-url.'
    )
  }
  return finalFailure(`The call to ${host} failed: ${detail}`, REACH_ADVICE)
}

function proxyFailure(status: number): Failure {
  if (status === 407) {
    return finalFailure(
      'The proxy asked for credentials (HTTP 407)',
      'Put the user name and password in the proxy URL of HTTPS_PROXY.'
    )
  }
  return {
    reason: `The proxy could not open a tunnel to the API (HTTP ${status})`,
    advice: REACH_ADVICE,
    transient: status >= 500,
    mayHaveReachedApi: false
  }
}

function errorCode(thrown: unknown): string {
  if (typeof thrown === 'object' && thrown !== null && 'code' in thrown) {
    return String(thrown.code)
  }
  return ''
}
