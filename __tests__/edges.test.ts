import { describe, expect, test } from '@jest/globals'
import { run } from '../src/main.js'
import { systemClock } from '../src/clock.js'
import { errorMessage } from '../src/errors.js'
import { runInProcess } from './helpers/run-in-process.js'
import { stopAllCall } from './helpers/api.js'
import { stopped } from './fixtures/responses.js'

const KEY = 'k-edges-01'
const errorOf = (lines: string[]) =>
  lines.find(line => line.startsWith('::error::')) ?? ''

describe('any thrown value becomes a message', () => {
  test.each([
    [new Error('plain'), 'plain'],
    [Object.assign(new Error(''), { name: 'Named' }), 'Named'],
    ['a string', 'a string'],
    [{ message: 'from another realm' }, 'from another realm'],
    [42, 'an unexpected value was thrown (number)'],
    [undefined, 'an unexpected value was thrown (undefined)'],
    [{ message: 17 }, 'an unexpected value was thrown (object)']
  ])('%p', (thrown, message) => {
    expect(errorMessage(thrown)).toBe(message)
  })
})

describe('the system clock', () => {
  test('sleeps for about the time asked, and draws from [0, 1)', async () => {
    const started = systemClock.now()
    await systemClock.sleep(30)
    expect(systemClock.now() - started).toBeGreaterThanOrEqual(25)
    const draws = Array.from({ length: 100 }, () => systemClock.random())
    expect(draws.every(draw => draw >= 0 && draw < 1)).toBe(true)
  })
})

describe('less common answers', () => {
  test('run() with the real clock, on a first success', async () => {
    stopAllCall(KEY).reply(200, stopped(1))
    const saved = { ...process.env }
    process.env['INPUT_API-KEY'] = KEY
    process.env.INPUT_API = 'serpwow'
    process.env['INPUT_API-URL'] = 'https://api.serpwow.com/live'
    process.env['INPUT_TIMEOUT-SECONDS'] = '5'
    process.env.INPUT_RETRIES = '0'
    process.env['INPUT_FAIL-ON-FAILED-BATCHES'] = 'true'
    process.env.GITHUB_OUTPUT = ''
    const write = process.stdout.write.bind(process.stdout)
    process.stdout.write = () => true
    try {
      await run()
      expect(process.exitCode ?? 0).toBe(0)
    } finally {
      process.stdout.write = write
      process.env = saved
      process.exitCode = undefined
    }
  })

  test('a success with no message', async () => {
    stopAllCall(KEY).reply(200, {
      request_info: { success: true },
      batches_stopped: 2,
      batches_failed_to_stop: 0
    })
    const { exitCode, outputs } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(0)
    expect(outputs.message).toBe('')
  })

  test('a failure reported with no message', async () => {
    stopAllCall(KEY).reply(200, { request_info: { success: false } })
    const { exitCode, lines } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(1)
    expect(errorOf(lines)).toContain(
      'SerpWow reported that the call failed. Check the message'
    )
  })

  test('a redirect with no Location', async () => {
    stopAllCall(KEY).reply(302, '')
    const { lines } = await runInProcess({ 'api-key': KEY })
    expect(errorOf(lines)).toContain('answered a redirect to nowhere')
  })

  test('an incident answer whose retry_after is not a number', async () => {
    stopAllCall(KEY).reply(503, { message: 'down', retry_after: 'soon' })
    stopAllCall(KEY).reply(200, stopped(0))
    const { waits } = await runInProcess(
      { 'api-key': KEY },
      { random: () => 0 }
    )
    expect(waits).toEqual([500])
  })

  test('a proxy that cannot reach the API is retried', async () => {
    const refused = Object.assign(
      new Error('tunneling socket could not be established, statusCode=502'),
      { code: 'ECONNRESET' }
    )
    stopAllCall(KEY).replyWithError(refused)
    stopAllCall(KEY).reply(200, stopped(1))
    const { exitCode, lines } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(0)
    expect(lines.join('\n')).toContain(
      'The proxy could not open a tunnel to the API (HTTP 502)'
    )
  })

  test('a long bad value is shortened in the message', async () => {
    const { lines } = await runInProcess({
      'api-key': KEY,
      retries: '9'.repeat(200)
    })
    expect(errorOf(lines)).toMatch(/Received: "9{77}\.\.\."/)
  })
})

const codedError = (code: string, message: string) =>
  Object.assign(new Error(message), { code })
const warningsOf = (lines: string[]) =>
  lines.filter(line => line.startsWith('::warning::'))

describe('found by breaking it', () => {
  test.each([
    ['a header', { 'retry-after': '9000000000000' }, ''],
    [
      'an incident body',
      {},
      JSON.stringify({ message: 'x', retry_after: 1e308 })
    ]
  ])(
    'an absurd wait asked in %s still gets a clear message',
    async (_, headers, body) => {
      stopAllCall(KEY).reply(503, body, headers)
      const { exitCode, lines } = await runInProcess({ 'api-key': KEY })
      expect(exitCode).toBe(1)
      expect(errorOf(lines)).toContain(
        'run it again after a year or more from now'
      )
      expect(errorOf(lines)).not.toContain('Invalid time value')
    }
  )

  test.each([
    ['a bare ?', 'http://127.0.0.1:8080/live?'],
    ['a bare #', 'http://127.0.0.1:8080/live#'],
    ['?#', 'https://api.serpwow.com/live?#']
  ])('api-url with %s is refused', async (_, url) => {
    const { exitCode, lines } = await runInProcess({
      'api-key': KEY,
      'api-url': url
    })
    expect(exitCode).toBe(1)
    expect(errorOf(lines)).toContain(
      'no user name, password, query or fragment'
    )
  })

  test('api-url with port 0 is refused', async () => {
    const { lines } = await runInProcess({
      'api-key': KEY,
      'api-url': 'http://127.0.0.1:0/live'
    })
    expect(errorOf(lines)).toContain('a URL with a port from 1 to 65535')
  })

  test.each([
    'http://admin:HUNTER2PW@api.serpwow.com/live',
    'https://admin:HUNTER2PW@api.serpwow.com:99999/live',
    'https://admin:HUNTER2PW@api.serpwow.com/live'
  ])('a password in api-url %s is never shown', async url => {
    const { exitCode, lines, outputs } = await runInProcess({
      'api-key': KEY,
      'api-url': url
    })
    expect(exitCode).toBe(1)
    expect(errorOf(lines)).toContain('Received: "http')
    expect(errorOf(lines)).toContain('//***@')
    expect(lines.join('\n') + JSON.stringify(outputs)).not.toContain('HUNTER2')
  })

  test('an outputs file that cannot be written fails the step clearly', async () => {
    stopAllCall(KEY).reply(200, stopped(1))
    const missing = '/nonexistent-dir/output'
    const { exitCode, lines } = await runInProcess(
      { 'api-key': KEY },
      { env: { GITHUB_OUTPUT: missing } }
    )
    expect(exitCode).toBe(1)
    expect(errorOf(lines)).toContain(missing)
  })

  test('a proxy that fails the tunnel: retried, nothing uncounted', async () => {
    stopAllCall(KEY).replyWithError(
      codedError(
        'ECONNRESET',
        'tunneling socket could not be established, cause=socket hang up'
      )
    )
    stopAllCall(KEY).reply(200, stopped(1))
    const { exitCode, lines } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(0)
    expect(warningsOf(lines)).toEqual([])
    expect(lines.join('\n')).toContain(
      'The proxy could not open a tunnel to the API (socket hang up)'
    )
  })

  test('a TLS handshake cut off: retried, nothing uncounted', async () => {
    stopAllCall(KEY).replyWithError(
      codedError(
        'ECONNRESET',
        'Client network socket disconnected before secure TLS connection' +
          ' was established'
      )
    )
    stopAllCall(KEY).reply(200, stopped(1))
    const { exitCode, lines } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(0)
    expect(warningsOf(lines)).toEqual([])
    expect(lines.join('\n')).toContain(
      'the connection closed during the TLS handshake'
    )
  })

  test('a server that does not speak HTTP: not retried', async () => {
    const calls = stopAllCall(KEY)
      .times(2)
      .replyWithError(codedError('HPE_INVALID_CONSTANT', 'Parse Error'))
    const { lines } = await runInProcess({ 'api-key': KEY })
    expect(calls.pendingMocks()).toHaveLength(1)
    expect(errorOf(lines)).toContain(
      'did not answer in HTTP (HPE_INVALID_CONSTANT)'
    )
  })

  test('another 2xx with a good body is a success', async () => {
    stopAllCall(KEY).reply(201, stopped(2))
    const { exitCode, outputs } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(0)
    expect(outputs['batches-stopped']).toBe('2')
  })

  test('a 2xx with a bad body names its status', async () => {
    stopAllCall(KEY).reply(204)
    const { lines } = await runInProcess({ 'api-key': KEY })
    expect(errorOf(lines)).toContain('SerpWow answered HTTP 204 with')
  })
})
