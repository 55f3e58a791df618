import { describe, expect, test } from '@jest/globals'
import { runInProcess } from './helpers/run-in-process.js'
import { stopAllCall } from './helpers/api.js'
import { apiError, CDN_PAGE, INVALID_KEY } from './fixtures/responses.js'

const KEY = 'k-statuses'

describe('refusals fail at once, with what to do', () => {
  test.each([
    [
      401,
      INVALID_KEY,
      'SerpWow rejected the API key (HTTP 401: "Supplied api_key is not valid")',
      'secret passed as api-key'
    ],
    [
      402,
      apiError('Out of credits'),
      'out of credits or has a payment problem (HTTP 402: "Out of credits")',
      'billing'
    ],
    [
      403,
      apiError('Forbidden'),
      'refused access to the Batches API (HTTP 403',
      'may use the Batches API'
    ],
    [404, '', 'Nothing answers at the API address (HTTP 404', 'Check api-url'],
    [
      400,
      apiError('Missing parameter'),
      'rejected the request as malformed (HTTP 400: "Missing parameter")',
      'Check api-url'
    ],
    [
      418,
      apiError('teapot'),
      'SerpWow refused the request (HTTP 418: "teapot")',
      'Check the inputs'
    ],
    [501, '', 'SerpWow refused the request (HTTP 501', "SerpWow's status page"]
  ])('HTTP %i', async (status, body, what, advice) => {
    const calls = stopAllCall(KEY).times(2).reply(status, body)
    const { exitCode, lines } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(1)
    // One interceptor of two is left: the call was made once, not retried.
    expect(calls.pendingMocks()).toHaveLength(1)
    const error = lines.find(line => line.startsWith('::error::')) ?? ''
    expect(error).toContain(what)
    expect(error).toContain(advice)
  })

  test('a 404 whose body is a page names its content type', async () => {
    stopAllCall(KEY).reply(404, '<html><title>Not Found</title></html>', {
      'content-type': 'text/html'
    })
    const { lines } = await runInProcess({ 'api-key': KEY })
    const error = lines.find(line => line.startsWith('::error::')) ?? ''
    expect(error).toContain('content type text/html')
    expect(error).toContain('body starts "<html><title>Not Found')
  })

  test('the message output holds the API message when it gave one', async () => {
    stopAllCall(KEY).reply(401, INVALID_KEY)
    const { outputs } = await runInProcess({ 'api-key': KEY })
    expect(outputs.message).toBe('Supplied api_key is not valid')
    expect(outputs['batches-stopped']).toBeUndefined()
  })

  test('and why the step failed when it gave none', async () => {
    stopAllCall(KEY).reply(404, '')
    const { outputs } = await runInProcess({ 'api-key': KEY })
    expect(outputs.message).toContain('Nothing answers at the API address')
  })
})

describe('a redirect is reported, not followed', () => {
  test.each([
    ['absolute', 'https://elsewhere.example/live/batches/stopall'],
    ['relative', '/v2/batches/stopall'],
    ['to plain http', 'http://api.serpwow.com/live/batches/stopall']
  ])('%s', async (_, location) => {
    const calls = stopAllCall(KEY).times(2).reply(301, '', { location })
    const { exitCode, lines } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(1)
    expect(calls.pendingMocks()).toHaveLength(1)
    const error = lines.find(line => line.startsWith('::error::')) ?? ''
    expect(error).toContain(`answered a redirect to ${location} (HTTP 301)`)
    expect(error).toContain('Set api-url')
  })
})

describe('server trouble is retried, then explained', () => {
  test.each([
    [
      500,
      apiError('Processing problem'),
      'SerpWow had a server problem (HTTP 500: "Processing problem")'
    ],
    [
      502,
      CDN_PAGE,
      'SerpWow had a server problem (HTTP 502, content type text/html, body starts "<!DOCTYPE html> <html><head><title>502 Bad Gateway'
    ],
    [
      503,
      '',
      'SerpWow had a server problem (HTTP 503, content type none, empty body)'
    ],
    [504, '', 'SerpWow had a server problem (HTTP 504'],
    [
      429,
      apiError('Rate limit exceeded'),
      'SerpWow rate limited the call (HTTP 429: "Rate limit exceeded")'
    ],
    [408, '', 'The server timed out waiting for the request (HTTP 408']
  ])('HTTP %i on every attempt', async (status, body, what) => {
    const headers: Record<string, string> =
      typeof body === 'string' && body.startsWith('<')
        ? { 'content-type': 'text/html' }
        : {}
    const calls = stopAllCall(KEY).times(4).reply(status, body, headers)
    const { exitCode, lines, waits } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(1)
    expect(calls.isDone()).toBe(true)
    expect(waits).toHaveLength(3)
    const error = lines.find(line => line.startsWith('::error::')) ?? ''
    expect(error).toContain(what)
    expect(error).toContain('after 4 attempts')
  })
})
