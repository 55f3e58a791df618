import { describe, expect, test } from '@jest/globals'
import { runInProcess } from './helpers/run-in-process.js'
import { stopAllCall } from './helpers/api.js'
import { apiError, incident, stopped } from './fixtures/responses.js'
import { waitBeforeRetry } from '../src/backoff.js'
import { finalFailure } from '../src/failure.js'

const KEY = 'k-retries'
const errorOf = (lines: string[]) =>
  lines.find(line => line.startsWith('::error::')) ?? ''
/** An error as Node's sockets raise it: a message and a code. */
const codedError = (code: string, message: string) =>
  Object.assign(new Error(message), { code })
const warningsOf = (lines: string[]) =>
  lines.filter(line => line.startsWith('::warning::'))

describe('a transient failure is tried again', () => {
  test('429 then success: the counts of the answer, no warning', async () => {
    stopAllCall(KEY).reply(429, apiError('Rate limit exceeded'))
    stopAllCall(KEY).reply(200, stopped(4))
    const { exitCode, outputs, lines, waits } = await runInProcess({
      'api-key': KEY
    })
    expect(exitCode).toBe(0)
    expect(outputs['batches-stopped']).toBe('4')
    expect(waits).toHaveLength(1)
    expect(warningsOf(lines)).toEqual([])
    expect(lines.join('\n')).toContain('Attempt 1 of 4 failed')
  })

  test.each(['ECONNREFUSED', 'EHOSTUNREACH', 'EAI_AGAIN', 'ETIMEDOUT'])(
    'a connection that fails with %s, nothing sent',
    async code => {
      stopAllCall(KEY).replyWithError(codedError(code, `connect ${code}`))
      stopAllCall(KEY).reply(200, stopped(1))
      const { exitCode, lines } = await runInProcess({ 'api-key': KEY })
      expect(exitCode).toBe(0)
      expect(warningsOf(lines)).toEqual([])
    }
  )

  test.each(['ECONNRESET', 'EPIPE'])(
    'a connection broken with %s warns that counts may be short',
    async code => {
      stopAllCall(KEY).replyWithError(codedError(code, 'socket hang up'))
      stopAllCall(KEY).reply(200, stopped(1))
      const { exitCode, lines } = await runInProcess({ 'api-key': KEY })
      expect(exitCode).toBe(0)
      expect(warningsOf(lines)).toEqual([
        expect.stringContaining(
          'An earlier attempt may have reached SerpWow without its answer' +
            ' arriving: batches it stopped are not in the counts.'
        )
      ])
    }
  )

  test('a 502 before the answer warns that counts may be short', async () => {
    stopAllCall(KEY).reply(502, '')
    stopAllCall(KEY).reply(200, stopped(0))
    const { lines } = await runInProcess({ 'api-key': KEY })
    expect(warningsOf(lines)).toHaveLength(1)
  })

  test('a connection that keeps failing is explained', async () => {
    stopAllCall(KEY)
      .times(4)
      .replyWithError(codedError('ECONNREFUSED', 'connect refused'))
    const { exitCode, lines, outputs } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(1)
    expect(errorOf(lines)).toContain(
      'Could not reach api.serpwow.com: the connection was refused' +
        ' (ECONNREFUSED) after 4 attempts.'
    )
    expect(errorOf(lines)).toContain('HTTPS_PROXY')
    expect(outputs.message).toContain('Could not reach api.serpwow.com')
  })

  test('retries 0 makes one attempt', async () => {
    const calls = stopAllCall(KEY).times(2).reply(503, '')
    const { exitCode, waits } = await runInProcess({
      'api-key': KEY,
      retries: '0'
    })
    expect(exitCode).toBe(1)
    expect(calls.pendingMocks()).toHaveLength(1)
    expect(waits).toEqual([])
  })

  test('retries 1 makes two attempts', async () => {
    const calls = stopAllCall(KEY).times(3).reply(500, '')
    const { lines } = await runInProcess({ 'api-key': KEY, retries: '1' })
    expect(calls.pendingMocks()).toHaveLength(1)
    expect(errorOf(lines)).toContain('after 2 attempts')
  })
})

describe('a failure that cannot pass is not retried', () => {
  test('an unknown host', async () => {
    const calls = stopAllCall(KEY)
      .times(2)
      .replyWithError(codedError('ENOTFOUND', 'getaddrinfo ENOTFOUND'))
    const { exitCode, lines } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(1)
    expect(calls.pendingMocks()).toHaveLength(1)
    expect(errorOf(lines)).toContain('The host api.serpwow.com is not known')
  })

  test.each([
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID'
  ])('a certificate refused with %s', async code => {
    const calls = stopAllCall(KEY)
      .times(2)
      .replyWithError(codedError(code, 'certificate trouble'))
    const { lines } = await runInProcess({ 'api-key': KEY })
    expect(calls.pendingMocks()).toHaveLength(1)
    expect(errorOf(lines)).toContain('TLS certificate of api.serpwow.com')
  })

  test('an untrusted certificate', async () => {
    const calls = stopAllCall(KEY)
      .times(2)
      .replyWithError(
        codedError(
          'SELF_SIGNED_CERT_IN_CHAIN',
          'self-signed certificate in certificate chain'
        )
      )
    const { lines } = await runInProcess({ 'api-key': KEY })
    expect(calls.pendingMocks()).toHaveLength(1)
    expect(errorOf(lines)).toContain('TLS certificate of api.serpwow.com')
    expect(errorOf(lines)).toContain('NODE_EXTRA_CA_CERTS')
  })

  test('a proxy that wants credentials', async () => {
    const calls = stopAllCall(KEY)
      .times(2)
      .replyWithError(
        codedError(
          'ECONNRESET',
          'tunneling socket could not be established, statusCode=407'
        )
      )
    const { lines } = await runInProcess({ 'api-key': KEY })
    expect(calls.pendingMocks()).toHaveLength(1)
    expect(errorOf(lines)).toContain('The proxy asked for credentials')
  })

  test('an error with no code at all', async () => {
    const calls = stopAllCall(KEY).times(2).replyWithError('odd failure')
    const { exitCode, lines } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(1)
    expect(calls.pendingMocks()).toHaveLength(1)
    expect(errorOf(lines)).toContain('The call to api.serpwow.com failed')
  })
})

describe('Retry-After is honoured', () => {
  async function waitsFor(headers: Record<string, string>, body = '') {
    stopAllCall(KEY).reply(503, body, headers)
    stopAllCall(KEY).reply(200, stopped(1))
    // random() of 0 leaves out the jitter, so the wait is exact.
    return runInProcess({ 'api-key': KEY }, { random: () => 0 })
  }

  test('in seconds', async () => {
    const { waits, exitCode } = await waitsFor({ 'retry-after': '7' })
    expect(exitCode).toBe(0)
    expect(waits).toEqual([7000])
  })

  test('as an HTTP date', async () => {
    const when = new Date(Date.now() + 20_000).toUTCString()
    const { waits } = await waitsFor({ 'retry-after': when })
    expect(waits[0]).toBeGreaterThan(17_000)
    expect(waits[0]).toBeLessThanOrEqual(20_000)
  })

  test('as a date in the past, meaning now', async () => {
    const { waits } = await waitsFor({
      'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT'
    })
    expect(waits).toEqual([0])
  })

  test.each(['soon', '-1', '1.5', 'Wed, 99 Foo 2026 07:28:00 GMT'])(
    'malformed (%j): the usual backoff instead',
    async value => {
      const { waits } = await waitsFor({ 'retry-after': value })
      expect(waits).toEqual([500])
    }
  )

  test('from the retry_after of an incident answer', async () => {
    const { waits } = await waitsFor({}, JSON.stringify(incident(12)))
    expect(waits).toEqual([12_000])
  })

  test('a wait too long ends the step at once, saying when', async () => {
    const calls = stopAllCall(KEY).times(2).reply(503, incident(3600))
    const started = Date.now()
    const { exitCode, lines, waits, outputs } = await runInProcess({
      'api-key': KEY
    })
    expect(exitCode).toBe(1)
    expect(waits).toEqual([])
    expect(calls.pendingMocks()).toHaveLength(1)
    const error = errorOf(lines)
    expect(error).toContain('the server asked to wait 3600 s')
    expect(error).toContain('longer than the action waits (60 s)')
    const after = /run it again after (\S+)\./.exec(error)?.[1] ?? ''
    expect(Date.parse(after) - started).toBeGreaterThanOrEqual(3_599_000)
    expect(outputs.message).toBe(
      'An incident is in progress, please retry later'
    )
  })
})

describe('waits between attempts', () => {
  const transient = { ...finalFailure('x', 'y'), transient: true }

  test('grow exponentially, with jitter in the upper half', () => {
    const lowest = [1, 2, 3].map(n => waitBeforeRetry(n, transient, () => 0))
    const highest = [1, 2, 3].map(n =>
      waitBeforeRetry(n, transient, () => 0.999999)
    )
    expect(lowest).toEqual([500, 1000, 2000])
    expect(highest.map(ms => Math.round(ms ?? 0))).toEqual([1000, 2000, 4000])
  })

  test('spread clients told the same Retry-After', () => {
    const told = { ...transient, retryAfterMs: 2000 }
    const earliest = waitBeforeRetry(1, told, () => 0)
    const latest = waitBeforeRetry(1, told, () => 0.99)
    expect(earliest).toBe(2000)
    expect(latest).toBeGreaterThan(2900)
  })

  test('never exceed a minute, and a second of jitter', () => {
    const told = { ...transient, retryAfterMs: 60_000 }
    expect(waitBeforeRetry(1, told, () => 0.5)).toBe(60_500)
    expect(waitBeforeRetry(10, transient, () => 0.99)).toBe(60_000)
    expect(
      waitBeforeRetry(1, { ...transient, retryAfterMs: 60_001 }, () => 0)
    ).toBeUndefined()
  })
})
