import { afterEach, describe, expect, test } from '@jest/globals'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import nock from 'nock'
import { runInProcess } from './helpers/run-in-process.js'
import { stopAllCall } from './helpers/api.js'
import { stopped } from './fixtures/responses.js'
import { ACTION_VERSION } from '../src/version.js'
import { MAX_BODY_BYTES } from '../src/request.js'

const KEY = 'k-request'

describe('the request', () => {
  test('is a GET with a User-Agent naming the action, asking for JSON', async () => {
    const call = nock('https://api.serpwow.com', {
      reqheaders: {
        'user-agent': `serpwow-stop-batches-action/${ACTION_VERSION}`,
        accept: 'application/json'
      }
    })
      .get('/live/batches/stopall')
      .query({ api_key: KEY })
      .reply(200, stopped(1))
    const { exitCode } = await runInProcess({ 'api-key': KEY })
    expect(call.isDone()).toBe(true)
    expect(exitCode).toBe(0)
  })

  test('goes to {api-url}/batches/stopall', async () => {
    const call = nock('https://api.scaleserp.com')
      .get('/batches/stopall')
      .query({ api_key: KEY })
      .reply(200, stopped(1))
    const { exitCode } = await runInProcess({
      'api-key': KEY,
      'api-url': 'https://api.scaleserp.com'
    })
    expect(call.isDone()).toBe(true)
    expect(exitCode).toBe(0)
  })

  test('logs status, duration and trace id at debug', async () => {
    stopAllCall(KEY).reply(200, stopped(1), { 'x-trace-id': 'abc-123' })
    const { lines } = await runInProcess({ 'api-key': KEY })
    expect(lines).toContainEqual(
      expect.stringMatching(/^::debug::HTTP 200 in \d+ ms, X-Trace-ID abc-123$/)
    )
    expect(lines).toContain('::debug::timeout-seconds: 30')
    expect(lines).toContain('::debug::api-key: *** (masked)')
  })
})

/** A server on 127.0.0.1 that answers every request with `respond`. */
async function serve(respond: (response: ServerResponse) => void) {
  const server = createServer((_, response) => respond(response))
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  const port = (server.address() as AddressInfo).port
  return { server, apiUrl: `http://127.0.0.1:${port}/live` }
}

describe('one attempt is bounded as a whole', () => {
  let server: Server | undefined
  afterEach(async () => {
    server?.closeAllConnections()
    await new Promise(done => server?.close(done))
    server = undefined
  })

  async function runAgainst(respond: (response: ServerResponse) => void) {
    const started = Date.now()
    const served = await serve(respond)
    server = served.server
    const result = await runInProcess({
      'api-key': KEY,
      'api-url': served.apiUrl,
      'timeout-seconds': '0.3',
      retries: '1'
    })
    return { ...result, elapsed: Date.now() - started }
  }

  test('a body that trickles in is cut off at the deadline', async () => {
    const body = JSON.stringify(stopped(1))
    const { exitCode, lines, elapsed } = await runAgainst(response => {
      response.writeHead(200, { 'content-length': body.length })
      let sent = 0
      // One byte every 50 ms: never idle long, never done in time.
      const timer = setInterval(() => {
        if (sent >= body.length || response.destroyed) clearInterval(timer)
        else response.write(body[sent++])
      }, 50)
    })
    expect(exitCode).toBe(1)
    expect(lines.join('\n')).toContain('No complete answer from 127.0.0.1')
    expect(lines.join('\n')).toContain('within 0.3 s')
    expect(elapsed).toBeLessThan(3000)
    // A timed-out attempt may have been processed: the warning says so.
    expect(lines).toContainEqual(expect.stringMatching(/^::warning::/))
  })

  test('a server that never answers', async () => {
    const { exitCode, lines } = await runAgainst(() => undefined)
    expect(exitCode).toBe(1)
    expect(lines.join('\n')).toContain('after 2 attempts')
  })

  test('a body larger than any answer is refused', async () => {
    const { exitCode, lines } = await runAgainst(response => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('x'.repeat(MAX_BODY_BYTES + 1))
    })
    expect(exitCode).toBe(1)
    expect(lines.join('\n')).toContain(`larger than ${MAX_BODY_BYTES} bytes`)
  })

  test('a body cut off before its announced length', async () => {
    const body = JSON.stringify(stopped(1))
    const { exitCode, lines } = await runAgainst(response => {
      response.writeHead(200, { 'content-length': body.length })
      response.write(body.slice(0, 10), () => response.destroy())
    })
    expect(exitCode).toBe(1)
    expect(lines.join('\n')).toMatch(
      /The answer from 127\.0\.0\.1:\d+ broke off before it was complete/
    )
  })
})
