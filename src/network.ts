import { finalFailure, type Failure } from './failure.js'
import { AnswerBrokenOff, AttemptTimeout, BodyTooLarge } from './request.js'
import { errorMessage } from './errors.js'
import { oneLine } from './text.js'

// Connection failures that a later attempt can get past, in plain words.
// Those of the first kind mean the request was never sent.
const NOTHING_SENT: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ENETDOWN: 'the network is down',
  EAI_AGAIN: 'the host name could not be looked up for now',
  ETIMEDOUT: 'the connection timed out'
}
const MAYBE_SENT: Record<string, string> = {
  ECONNRESET: 'the connection was closed before any answer',
  EPIPE: 'the connection broke while the request was sent',
  ECONNABORTED: 'the connection was aborted'
}

// What the tunnel agent says when a proxy refuses or fails a CONNECT: the
// request never reached the API.
const PROXY_FAILED =
  /tunneling socket could not be established, (?:statusCode=(\d+)|cause=(.*))/
// Node's words for a TLS connection that closed during the handshake.
const TLS_NOT_ESTABLISHED = /before secure TLS connection was established/
const CERTIFICATE_CODE = /CERT|SSL|TLS|UNABLE_TO_(VERIFY|GET_ISSUER)/

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
  return interpretSocketError(errorCode(thrown), errorMessage(thrown), host)
}

function interpretSocketError(
  code: string,
  message: string,
  host: string
): Failure {
  const proxy = PROXY_FAILED.exec(message)
  if (proxy !== null) return proxyFailure(proxy[1], proxy[2])
  if (CERTIFICATE_CODE.test(code)) {
    return finalFailure(
      `The TLS certificate of ${host} is not trusted:` +
        ` ${oneLine(message)} (${code})`,
      'If a proxy on this network inspects TLS, give Node its CA through' +
        ' NODE_EXTRA_CA_CERTS; otherwise check api-url.'
    )
  }
  if (TLS_NOT_ESTABLISHED.test(message)) {
    return unreachable(host, 'the connection closed during the TLS handshake')
  }
  const unsent = NOTHING_SENT[code]
  if (unsent !== undefined) return unreachable(host, `${unsent} (${code})`)
  const maybeSent = MAYBE_SENT[code]
  if (maybeSent !== undefined) {
    return {
      ...unreachable(host, `${maybeSent} (${code})`),
      mayHaveReachedApi: true
    }
  }
  if (code === 'ENOTFOUND') {
    return finalFailure(`The host ${host} is not known (DNS)`, REACH_ADVICE)
  }
  if (code.startsWith('HPE_')) {
    return finalFailure(
      `The server at ${host} did not answer in HTTP (${code})`,
      'Check api-url: it must point at the Batches API.'
    )
  }
  return finalFailure(
    `The call to ${host} failed: ${oneLine(message)}`,
    REACH_ADVICE
  )
}

function unreachable(host: string, why: string): Failure {
  return {
    reason: `Could not reach ${host}: ${why}`,
    advice: REACH_ADVICE,
    transient: true,
    mayHaveReachedApi: false
  }
}

function proxyFailure(status?: string, cause?: string): Failure {
  if (status === '407') {
    return finalFailure(
      'The proxy asked for credentials (HTTP 407)',
      'Put the user name and password in the proxy URL of HTTPS_PROXY.'
    )
  }
  const what = status === undefined ? oneLine(cause ?? '') : `HTTP ${status}`
  return {
    reason: `The proxy could not open a tunnel to the API (${what})`,
    advice: REACH_ADVICE,
    // A proxy that is down, or whose upstream is, may be back soon; one
    // that forbids the tunnel is not.
    transient: status === undefined || Number(status) >= 500,
    mayHaveReachedApi: false
  }
}

function errorCode(thrown: unknown): string {
  if (typeof thrown === 'object' && thrown !== null && 'code' in thrown) {
    return String(thrown.code)
  }
  return ''
}
