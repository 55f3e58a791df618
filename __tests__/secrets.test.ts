import { describe, expect, test } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { runInProcess } from './helpers/run-in-process.js'
import { unescapeCommandValue } from '../scripts/action-runner.ts'
import { linesHolding, stopAllCall } from './helpers/api.js'
import { apiError, stopped } from './fixtures/responses.js'

// Characters that URL-encoding changes, so the key has three spellings.
const KEY = "sk+9/Zq=x&y!'()*~"
const ENCODED = encodeURIComponent(KEY)
const FORM_ENCODED = new URLSearchParams({ k: KEY }).toString().slice(2)
// What the HTTP client's URL parser makes of ENCODED: it encodes ' too.
const SENT = 'sk%2B9%2FZq%3Dx%26y!%27()*~'
const SPELLINGS = [KEY, ENCODED, FORM_ENCODED, SENT]

function expectNoSpellingOfKey(lines: string[], outputs: object) {
  for (const spelling of SPELLINGS) {
    expect(linesHolding(lines, spelling)).toEqual([])
    expect(JSON.stringify(outputs)).not.toContain(JSON.stringify(spelling))
    expect(Object.values(outputs).join('\n')).not.toContain(spelling)
  }
}

describe('the key', () => {
  test('is masked, in every spelling, before any other line', async () => {
    stopAllCall().reply(200, stopped(1))
    const { lines } = await runInProcess({ 'api-key': KEY })
    const masks = lines.slice(0, 4).map(unescapeCommandValue)
    expect(masks.sort()).toEqual(
      SPELLINGS.map(spelling => `::add-mask::${spelling}`).sort()
    )
    expect(lines.slice(4).some(line => line.startsWith('::add-mask'))).toBe(
      false
    )
  })

  test('is sent URL-encoded in the query, exactly once', async () => {
    // A real server sees the request line as it went over the wire.
    const seen: string[] = []
    const server = createServer((request, response) => {
      seen.push(request.url ?? '')
      response.end(JSON.stringify(stopped(1)))
    })
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
    const { port } = server.address() as AddressInfo
    try {
      const { exitCode } = await runInProcess({
        'api-key': KEY,
        'api-url': `http://127.0.0.1:${port}/live`
      })
      expect(exitCode).toBe(0)
      expect(seen).toEqual([`/live/batches/stopall?api_key=${SENT}`])
    } finally {
      server.close()
    }
  })

  test('never appears when the API echoes it back', async () => {
    stopAllCall().reply(401, apiError(`Key ${KEY} / ${ENCODED} invalid`))
    const { lines, outputs, exitCode } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(1)
    expect(outputs.message).toContain('Key *** / *** invalid')
    expectNoSpellingOfKey(lines, outputs)
  })

  test('never appears in a library error that names the path', async () => {
    const path = `/live/batches/stopall?api_key=${ENCODED}`
    stopAllCall()
      .times(4)
      .replyWithError(
        Object.assign(new Error(`Request timeout: ${path}`), {
          code: 'ECONNRESET'
        })
      )
    const { lines, outputs, exitCode } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(1)
    expect(outputs.message).toContain('api_key=***')
    expectNoSpellingOfKey(lines, outputs)
  })

  test('never appears in a partial failure or a 200 page', async () => {
    stopAllCall().reply(200, stopped(1, 1))
    const partial = await runInProcess({ 'api-key': KEY })
    expectNoSpellingOfKey(partial.lines, partial.outputs)
    stopAllCall().reply(200, `<p>${KEY}</p>`)
    const page = await runInProcess({ 'api-key': KEY })
    expect(page.exitCode).toBe(1)
    expectNoSpellingOfKey(page.lines, page.outputs)
  })
})
