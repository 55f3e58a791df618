import { describe, expect, test } from '@jest/globals'
import { run } from '../src/main.js'
import { systemClock } from '../src/clock.js'
import { errorMessage } from '../src/errors.js'
import { runInProcess } from './helpers/run-in-process.js'
import { stopAllCall } from './helpers/api.js'
import { stopped } from './fixtures/responses.js'

const KEY = 'k-edges'
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
    const { waits } = await runInProcess({ 'api-key': KEY }, () => 0)
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
