import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { HttpClient } from '@actions/http-client'
import type { RequestHandler } from '@actions/http-client/lib/interfaces'
import { USER_AGENT } from './version.js'

/** What one exchange with the API brought back. */
export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** The attempt ran out of its time before the body had arrived. */
export class AttemptTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no complete answer within ${timeoutMs / 1000} s`)
    this.name = 'AttemptTimeout'
  }
}

/** The connection broke after the answer had begun. */
export class AnswerBrokenOff extends Error {
  constructor() {
    super('the answer broke off before it was complete')
    this.name = 'AnswerBrokenOff'
  }
}

/** The body was larger than any answer of this API can be. */
export class BodyTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`the response body is larger than ${limitBytes} bytes`)
    this.name = 'BodyTooLarge'
  }
}

// A stop-all answer is a few hundred bytes; a megabyte is only ever a
// misrouted download, and it is cut off rather than held in memory.
export const MAX_BODY_BYTES = 1024 * 1024

/**
 * Sends one GET and reads the whole body, all within timeoutMs: the
 * library's own socket timeout only fires while the socket is idle, so a
 * body that trickles in would otherwise hold the step for ever.
 */
export async function getWithDeadline(
  url: string,
  timeoutMs: number
): Promise<RawResponse> {
  const abort = new AbortController()
  const client = new HttpClient(USER_AGENT, [cancelWith(abort.signal)], {
    // The action retries by its own rules; a redirect is reported, not
    // followed, so the key never travels to an address nobody configured.
    allowRetries: false,
    allowRedirects: false,
    keepAlive: false,
    // Left to fire after the deadline: its error would name the path.
    socketTimeout: timeoutMs + 1000
  })
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AttemptTimeout(timeoutMs)), timeoutMs)
  })
  try {
    return await Promise.race([exchange(client, url), deadline])
  } catch (thrown) {
    // Frees the socket of an attempt that failed or ran out of time. One
    // that succeeded has read its body, and its socket closes by itself.
    abort.abort()
    throw thrown
  } finally {
    clearTimeout(timer)
  }
}

async function exchange(client: HttpClient, url: string) {
  const response = await client.get(url, { accept: 'application/json' })
  const message = response.message
  return {
    status: message.statusCode ?? 0,
    headers: message.headers,
    body: await readBody(message, MAX_BODY_BYTES)
  }
}

/** Reads a body up to a limit, failing on a connection that breaks off. */
export function readBody(
  message: IncomingMessage,
  limitBytes: number
): Promise<string> {
  return new Promise((resolve, reject) => {
    // Copied into one buffer that doubles as it fills: a body sent a byte
    // at a time would otherwise be held as a million small buffers.
    let body = Buffer.allocUnsafe(16 * 1024)
    let size = 0
    let ended = false
    message.on('data', (chunk: Buffer) => {
      if (size + chunk.length > limitBytes) {
        message.destroy()
        reject(new BodyTooLarge(limitBytes))
        return
      }
      if (size + chunk.length > body.length) {
        const larger = Buffer.allocUnsafe(
          Math.min(limitBytes, Math.max(body.length * 2, size + chunk.length))
        )
        body.copy(larger, 0, 0, size)
        body = larger
      }
      chunk.copy(body, size)
      size += chunk.length
    })
    message.on('end', () => {
      ended = true
      resolve(body.toString('utf8', 0, size))
    })
    // Kept for the life of the message: an abort after the answer must
    // not surface as an unhandled error.
    message.on('error', () => reject(new AnswerBrokenOff()))
    message.on('close', () => {
      if (!ended) reject(new AnswerBrokenOff())
    })
  })
}

/** Hands the request an abort signal; the library has no option for one. */
function cancelWith(signal: AbortSignal): RequestHandler {
  return {
    prepareRequest: options => {
      options.signal = signal
    },
    canHandleAuthentication: () => false,
    handleAuthentication: () => {
      return Promise.reject(new Error('no authentication handler'))
    }
  }
}
