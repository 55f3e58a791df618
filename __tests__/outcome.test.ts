import { describe, expect, test } from '@jest/globals'
import { runInProcess } from './helpers/run-in-process.js'
import { stopAllCall } from './helpers/api.js'
import { apiError, stopped } from './fixtures/responses.js'

const KEY = 'k-0123456789abcdef'

const annotations = (lines: string[], level: 'error' | 'warning') =>
  lines.filter(line => line.startsWith(`::${level}::`))

describe('when every batch stops', () => {
  test('sets both counts and the message, and passes', async () => {
    stopAllCall(KEY).reply(200, stopped(23))
    const { exitCode, outputs, lines } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(0)
    expect(outputs).toEqual({
      'batches-stopped': '23',
      'batches-failed': '0',
      message: '23 Batches stopped'
    })
    expect(lines).toContain(
      'Stopped 23 batches, 0 failed to stop. SerpWow said: "23 Batches stopped"'
    )
    expect(annotations(lines, 'error')).toEqual([])
    expect(annotations(lines, 'warning')).toEqual([])
  })

  test('says so when there was nothing to stop', async () => {
    stopAllCall(KEY).reply(200, stopped(0))
    const { exitCode, outputs, lines } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(0)
    expect(outputs['batches-stopped']).toBe('0')
    expect(outputs['batches-failed']).toBe('0')
    expect(lines.join('\n')).toContain('nothing to stop')
  })

  test('ignores fields it does not know', async () => {
    stopAllCall(KEY).reply(200, {
      ...stopped(2),
      request_info: {
        success: true,
        message: '2 Batches stopped',
        credits_used: 0,
        credits_remaining: 1000
      },
      extra: { nested: [1, 2] }
    })
    const { exitCode, outputs } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(0)
    expect(outputs['batches-stopped']).toBe('2')
  })

  test('accepts a JSON answer sent under another content type', async () => {
    stopAllCall(KEY).reply(200, JSON.stringify(stopped(1)), {
      'content-type': 'text/plain'
    })
    const { exitCode, outputs } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(0)
    expect(outputs['batches-stopped']).toBe('1')
  })
})

describe('when some batches fail to stop', () => {
  test('fails the step with both counts, and sets them', async () => {
    stopAllCall(KEY).reply(200, stopped(3, 2))
    const { exitCode, outputs, lines } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(1)
    expect(outputs['batches-stopped']).toBe('3')
    expect(outputs['batches-failed']).toBe('2')
    const [error] = annotations(lines, 'error')
    expect(error).toContain('2 batches failed to stop (3 stopped, 2 failed)')
  })

  test('only warns with fail-on-failed-batches false', async () => {
    stopAllCall(KEY).reply(200, stopped(3, 1))
    const { exitCode, outputs, lines } = await runInProcess({
      'api-key': KEY,
      'fail-on-failed-batches': 'false'
    })
    expect(exitCode).toBe(0)
    expect(outputs['batches-failed']).toBe('1')
    expect(annotations(lines, 'error')).toEqual([])
    const [warning] = annotations(lines, 'warning')
    expect(warning).toContain('1 batch failed to stop (3 stopped, 1 failed)')
  })

  test('fails even when the API calls it a success', async () => {
    stopAllCall(KEY).reply(200, {
      request_info: { success: true, message: '0 Batches stopped' },
      batches_stopped: 0,
      batches_failed_to_stop: 4
    })
    const { exitCode } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(1)
  })
})

describe('when the API reports a failure in a 200', () => {
  test('fails with its message, and keeps counts it sent', async () => {
    stopAllCall(KEY).reply(200, {
      request_info: { success: false, message: 'Batch service paused' },
      batches_stopped: 0,
      batches_failed_to_stop: 5
    })
    const { exitCode, outputs, lines } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(1)
    expect(outputs.message).toBe('Batch service paused')
    expect(outputs['batches-failed']).toBe('5')
    expect(annotations(lines, 'error')[0]).toContain(
      'SerpWow reported that the call failed: "Batch service paused"'
    )
  })

  test('sets no counts when it sent none', async () => {
    stopAllCall(KEY).reply(200, apiError('Something went wrong'))
    const { exitCode, outputs } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(1)
    expect(outputs['batches-stopped']).toBeUndefined()
    expect(outputs.message).toBe('Something went wrong')
  })
})

describe('a 200 whose body cannot be trusted fails the step', () => {
  const counts = (stoppedCount: unknown, failed: unknown) => ({
    request_info: { success: true, message: 'x' },
    batches_stopped: stoppedCount,
    batches_failed_to_stop: failed
  })
  test.each([
    ['an HTML page', '<html><body>Welcome</body></html>', 'not a JSON object'],
    ['an empty body', '', 'empty body'],
    ['truncated JSON', '{"request_info":{"succ', 'not a JSON object'],
    ['a JSON array', '[1,2]', 'not a JSON object'],
    ['JSON null', 'null', 'not a JSON object'],
    ['no request_info', '{"batches_stopped":1}', 'no request_info.success'],
    ['counts as strings', counts('3', '0'), 'no whole, non-negative'],
    ['a negative count', counts(-1, 0), 'no whole, non-negative'],
    ['a fractional count', counts(1.5, 0), 'no whole, non-negative'],
    ['a missing count', counts(2, undefined), 'no whole, non-negative'],
    ['a null count', counts(null, 0), 'no whole, non-negative'],
    ['an unsafe integer', counts(2 ** 60, 0), 'no whole, non-negative']
  ])('%s', async (_, body, problem) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    stopAllCall(KEY).reply(200, text, { 'content-type': 'text/html' })
    const { exitCode, outputs, lines } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(1)
    expect(outputs['batches-stopped']).toBeUndefined()
    const [error] = annotations(lines, 'error')
    expect(error).toContain('SerpWow answered HTTP 200 with')
    expect(error).toContain(problem)
    expect(error).toContain('content type text/html')
    expect(error).not.toMatch(/Unexpected token|SyntaxError/)
  })
})

describe('text from the API cannot act as a workflow command', () => {
  test('a message with line breaks and commands stays on one line', async () => {
    const hostile =
      'done\n::error::forged\r\n::add-mask::x\u2028::stop-commands::y'
    stopAllCall(KEY).reply(200, {
      request_info: { success: true, message: hostile },
      batches_stopped: 1,
      batches_failed_to_stop: 0
    })
    const { exitCode, outputs, lines } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(0)
    expect(lines.filter(line => line.includes('forged'))).toEqual([
      'Stopped 1 batch, 0 failed to stop. SerpWow said:' +
        ' "done ::error::forged ::add-mask::x ::stop-commands::y"'
    ])
    expect(outputs.message).not.toContain('\n')
    expect(annotations(lines, 'error')).toEqual([])
  })

  test('an error message with commands is escaped in the annotation', async () => {
    stopAllCall(KEY).reply(401, apiError('bad\n::warning::forged'))
    const { lines } = await runInProcess({ 'api-key': KEY })
    expect(annotations(lines, 'warning')).toEqual([])
    expect(lines.filter(line => line.startsWith('::'))).not.toContainEqual(
      expect.stringMatching(/^::warning/)
    )
  })
})
