import { describe, expect, test } from '@jest/globals'
import { runInProcess } from './helpers/run-in-process.js'
import { stopAllCall } from './helpers/api.js'
import { apiError, stopped } from './fixtures/responses.js'

const KEY = 'k-summary+/='

describe('the job summary', () => {
  test('tells a success: outcome, counts, message, API, attempts, time', async () => {
    stopAllCall().reply(429, '')
    stopAllCall().reply(200, stopped(23))
    const { summary, exitCode } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(0)
    expect(summary).toContain(
      '<h3>✅ Stopped 23 batches, 0 failed to stop</h3>'
    )
    expect(summary).toContain('<td>Stopped</td><td>23</td>')
    expect(summary).toContain('<td>Failed to stop</td><td>0</td>')
    expect(summary).toContain('<td>API message</td><td>23 Batches stopped</td>')
    expect(summary).toContain('<td>API</td><td>SerpWow (api.serpwow.com)</td>')
    expect(summary).toContain('<td>Attempts</td><td>2</td>')
    expect(summary).toMatch(/<td>Duration<\/td><td>(\d+ ms|\d+\.\d s)<\/td>/)
  })

  test('tells a partial failure, with what to do', async () => {
    stopAllCall().reply(200, stopped(3, 2))
    const { summary } = await runInProcess({ 'api-key': KEY })
    expect(summary).toContain('<h3>❌ Stopped 3 batches, 2 failed to stop</h3>')
    expect(summary).toContain('check it in the SerpWow dashboard')
  })

  test('marks a partial failure that only warns', async () => {
    stopAllCall().reply(200, stopped(3, 2))
    const { summary } = await runInProcess({
      'api-key': KEY,
      'fail-on-failed-batches': 'false'
    })
    expect(summary).toContain('<h3>⚠️ Stopped 3 batches')
  })

  test('tells a failure: what failed and what to do', async () => {
    stopAllCall().reply(401, apiError('Supplied api_key is not valid'))
    const { summary } = await runInProcess({ 'api-key': KEY })
    expect(summary).toContain('<h3>❌ Could not stop the SerpWow batches</h3>')
    expect(summary).toContain('SerpWow rejected the API key (HTTP 401')
    expect(summary).toContain('Check that the secret passed as api-key')
    expect(summary).not.toContain('<td>Stopped</td>')
  })

  test('tells a bad input', async () => {
    const { summary } = await runInProcess({ 'api-key': KEY, retries: 'x' })
    expect(summary).toContain('<h3>❌ The action failed</h3>')
    expect(summary).toContain("Input 'retries' must be a whole number")
  })

  test('never holds the key, and escapes what the API wrote', async () => {
    const echo = `<script>alert(1)</script> ${KEY} ${encodeURIComponent(KEY)}`
    stopAllCall().reply(200, {
      ...stopped(1),
      request_info: { success: true, message: echo }
    })
    const { summary } = await runInProcess({ 'api-key': KEY })
    expect(summary).toContain('&lt;script&gt;alert(1)&lt;/script&gt; *** ***')
    expect(summary).not.toContain('<script>')
    expect(summary).not.toContain('k-summary')
  })

  test('that cannot be written only gives a warning', async () => {
    stopAllCall().reply(200, stopped(1))
    const { exitCode, lines } = await runInProcess(
      { 'api-key': KEY },
      { unwritableSummary: true }
    )
    expect(exitCode).toBe(0)
    expect(lines).toContainEqual(
      expect.stringMatching(/^::warning::Could not write the job summary: /)
    )
  })
})
