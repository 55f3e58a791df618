/** Every status class the API documents, and what CDNs put in front. */
import type { Scenario } from '../scenario.ts'
import { answering, TEST_CA, TEST_HOST, webServer } from '../servers.ts'

const JSON_TYPE = { 'content-type': 'application/json' }
const HTML_TYPE = { 'content-type': 'text/html' }
const GOOD = JSON.stringify({
  request_info: { success: true, message: '5 Batches stopped' },
  batches_stopped: 5,
  batches_failed_to_stop: 0
})

const apiError = (message: string) =>
  JSON.stringify({ request_info: { success: false, message } })

const cdnPage = (status: number) =>
  `<!DOCTYPE html>\n<html><head><title>${status} Error</title></head>\n` +
  `<body><h1>${status}</h1><p>cdn-edge-7</p></body></html>`

type Answer = {
  status: number
  body?: string
  headers?: Record<string, string>
}

/** A scenario against a server that gives `answers` in turn. */
function against(
  name: string,
  answers: Answer[],
  expected: Scenario['expected'],
  inputs: Record<string, string> = { retries: '1' }
): Scenario {
  return {
    kind: 'http',
    name,
    setup: async () => {
      const server = await answering(answers)
      return {
        apiUrl: `http://127.0.0.1:${server.port}/live`,
        servers: [server]
      }
    },
    inputs,
    expected
  }
}

const REFUSALS: [number, string, RegExp][] = [
  [400, 'Missing required parameter', /^Missing required parameter$/],
  [401, 'Supplied api_key is not valid', /^Supplied api_key is not valid$/],
  [402, 'You have run out of credits', /^You have run out of credits$/],
  [403, 'Forbidden', /^Forbidden$/],
  [404, 'Not found', /^Not found$/]
]
const TRANSIENT = [408, 429, 500, 502, 503, 504]

const refusals = REFUSALS.flatMap(([status, text, message]): Scenario[] => [
  against(
    `${status} with its JSON error body`,
    [{ status, body: apiError(text), headers: JSON_TYPE }],
    { exitCode: 1, counts: null, message, maxMs: 3_000 }
  ),
  against(
    `${status} with a CDN's HTML page`,
    [{ status, body: cdnPage(status), headers: HTML_TYPE }],
    {
      exitCode: 1,
      counts: null,
      message: new RegExp(
        `HTTP ${status}, content type text/html, body starts`
      ),
      maxMs: 3_000
    }
  ),
  against(`${status} with no body`, [{ status }], {
    exitCode: 1,
    counts: null,
    message: new RegExp(`HTTP ${status}, content type none, empty body`),
    maxMs: 3_000
  })
])

const transients = TRANSIENT.flatMap((status): Scenario[] => [
  against(
    `${status} on every attempt, JSON body`,
    [{ status, body: apiError(`problem ${status}`), headers: JSON_TYPE }],
    {
      exitCode: 1,
      counts: null,
      message: new RegExp(`^problem ${status}$`),
      maxMs: 4_000,
      logs: /after 2 attempts/
    }
  ),
  against(
    `${status} with an HTML page, then success`,
    [
      { status, body: cdnPage(status), headers: HTML_TYPE },
      { status: 200, body: GOOD, headers: JSON_TYPE }
    ],
    {
      exitCode: 0,
      counts: { stopped: 5, failed: 0 },
      message: /^5 Batches stopped$/,
      maxMs: 4_000
    }
  ),
  against(`${status} with no body, on every attempt`, [{ status }], {
    exitCode: 1,
    counts: null,
    message: new RegExp(`HTTP ${status}, content type none.* after 2 attempts`),
    maxMs: 4_000
  })
])

const REDIRECTED = /^The API address answered a redirect to .+ \(HTTP 30\d\)/

const redirects: Scenario[] = [
  against(
    'a redirect to an absolute address',
    [{ status: 301, headers: { location: 'http://127.0.0.1:9/live/x' } }],
    { exitCode: 1, counts: null, message: REDIRECTED, maxMs: 3_000 }
  ),
  against(
    'a relative redirect',
    [{ status: 302, headers: { location: '/v2/batches/stopall' } }],
    { exitCode: 1, counts: null, message: REDIRECTED, maxMs: 3_000 }
  ),
  against(
    'a redirect loop',
    [{ status: 307, headers: { location: '/live/batches/stopall' } }],
    { exitCode: 1, counts: null, message: REDIRECTED, maxMs: 3_000 }
  ),
  {
    kind: 'http',
    name: 'a redirect from https to plain http',
    setup: async () => {
      const target = await webServer((_, response) => response.end(GOOD))
      const server = await answering(
        [
          {
            status: 308,
            headers: { location: `http://127.0.0.1:${target.port}/` }
          }
        ],
        true
      )
      return {
        apiUrl: `https://${TEST_HOST}:${server.port}/live`,
        servers: [server, target],
        env: { NODE_EXTRA_CA_CERTS: TEST_CA },
        verify: () =>
          target.seen.length === 0 ? [] : ['the redirect was followed']
      }
    },
    expected: { exitCode: 1, counts: null, message: REDIRECTED, maxMs: 3_000 }
  }
]

const INCIDENT = 'An incident is in progress, please retry later'
const incident = (seconds: number) =>
  JSON.stringify({ message: INCIDENT, retry_after: seconds })
const SUCCESS = {
  exitCode: 0 as const,
  counts: { stopped: 5, failed: 0 },
  message: /^5 Batches stopped$/
}

const retryAfter: Scenario[] = [
  against(
    'Retry-After in seconds, honoured',
    [
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 200, body: GOOD }
    ],
    { ...SUCCESS, maxMs: 4_000, logs: /Trying again in [12]\.\d s/ }
  ),
  {
    kind: 'http',
    name: 'Retry-After as an HTTP date, honoured',
    setup: async () => {
      let calls = 0
      const server = await webServer((_, response) => {
        if (calls++ > 0) {
          response.end(GOOD)
          return
        }
        const when = new Date(Date.now() + 2_000).toUTCString()
        response.writeHead(503, { 'retry-after': when })
        response.end()
      })
      return {
        apiUrl: `http://127.0.0.1:${server.port}/live`,
        servers: [server]
      }
    },
    expected: { ...SUCCESS, maxMs: 5_000, logs: /Trying again in [12]\.\d s/ }
  },
  against(
    'Retry-After of days: fails at once, saying when',
    [{ status: 503, headers: { 'retry-after': '999999' } }],
    {
      exitCode: 1,
      counts: null,
      message: /asked to wait 999999 s .* run it again after \d{4}-\d\d-\d\dT/,
      maxMs: 2_000
    }
  ),
  against(
    'Retry-After absurdly large: fails at once, still clear',
    [{ status: 429, headers: { 'retry-after': '9000000000000' } }],
    {
      exitCode: 1,
      counts: null,
      message: /run it again after a year or more from now/,
      maxMs: 2_000
    }
  ),
  against(
    '503 incident body asking for 1e308 s',
    [
      {
        status: 503,
        body: JSON.stringify({ message: 'x', retry_after: 1e308 })
      }
    ],
    {
      exitCode: 1,
      counts: null,
      message: /^x$/,
      maxMs: 2_000,
      logs: /run it again after a year or more from now/
    }
  ),
  against('201 with a good body', [{ status: 201, body: GOOD }], {
    ...SUCCESS,
    maxMs: 2_000
  }),
  against(
    'Retry-After malformed: the usual backoff',
    [
      { status: 429, headers: { 'retry-after': 'in a while' } },
      { status: 200, body: GOOD }
    ],
    { ...SUCCESS, maxMs: 4_000 }
  ),
  against(
    'Retry-After negative: the usual backoff',
    [
      { status: 503, headers: { 'retry-after': '-5' } },
      { status: 200, body: GOOD }
    ],
    { ...SUCCESS, maxMs: 4_000 }
  ),
  against(
    '503 incident body with retry_after, honoured',
    [
      { status: 503, body: incident(1), headers: JSON_TYPE },
      { status: 200, body: GOOD }
    ],
    { ...SUCCESS, maxMs: 4_000, logs: /Trying again in [12]\.\d s/ }
  ),
  against(
    '503 incident body asking for an hour',
    [{ status: 503, body: incident(3600), headers: JSON_TYPE }],
    {
      exitCode: 1,
      counts: null,
      message: new RegExp(`^${INCIDENT}$`),
      maxMs: 2_000,
      logs: /asked to wait 3600 s/
    }
  )
]

export const httpScenarios: Scenario[] = [
  ...refusals,
  ...transients,
  ...redirects,
  ...retryAfter
]
