/** 200 answers whose bodies are wrong, odd, or hostile. */
import type { Scenario } from '../scenario.ts'
import { answering } from '../servers.ts'

const JSON_TYPE = { 'content-type': 'application/json' }

function counts(stopped: unknown, failed: unknown, message = 'x'): string {
  return JSON.stringify({
    request_info: { success: true, message },
    batches_stopped: stopped,
    batches_failed_to_stop: failed
  })
}

function body200(
  name: string,
  body: string,
  expected: Scenario['expected'],
  headers: Record<string, string> = JSON_TYPE,
  inputs: Record<string, string> = {}
): Scenario {
  return {
    kind: 'body',
    name,
    setup: async () => {
      const server = await answering([{ status: 200, body, headers }])
      return {
        apiUrl: `http://127.0.0.1:${server.port}/live`,
        servers: [server]
      }
    },
    inputs,
    expected
  }
}

const UNTRUSTED = (problem: string) => ({
  exitCode: 1 as const,
  counts: null,
  message: new RegExp(`^SerpWow answered HTTP 200 with ${problem}`),
  maxMs: 3_000
})
const NOT_JSON = UNTRUSTED('a body that is not a JSON object')
const BAD_COUNTS = UNTRUSTED('no whole, non-negative batches_stopped')

const HOSTILE =
  'done\n::error::forged annotation\r\n::add-mask::x\n::stop-commands::tok' +
  '\n::set-output name=batches-stopped::999'

export const bodyScenarios: Scenario[] = [
  body200('not JSON: an HTML page', '<html><body>Hi</body></html>', NOT_JSON, {
    'content-type': 'text/html'
  }),
  body200('not JSON: plain text', 'OK', NOT_JSON, {
    'content-type': 'text/plain'
  }),
  body200('empty', '', NOT_JSON),
  body200('truncated JSON', counts(3, 0).slice(0, 25), NOT_JSON),
  body200('a JSON array', '[1, 2, 3]', NOT_JSON),
  body200('a JSON string', '"stopped"', NOT_JSON),
  body200('huge: 3 MB of padding', `{"pad":"${'x'.repeat(3 * 1024 * 1024)}"}`, {
    exitCode: 1,
    counts: null,
    message: /cut off: the response body is larger than 1048576 bytes/,
    maxMs: 5_000
  }),
  body200(
    'valid JSON under a wrong content type',
    counts(4, 0, '4 Batches stopped'),
    {
      exitCode: 0,
      counts: { stopped: 4, failed: 0 },
      message: /^4 Batches stopped$/,
      maxMs: 3_000
    },
    { 'content-type': 'text/html; charset=utf-8' }
  ),
  body200('counts as strings', counts('3', '0'), BAD_COUNTS),
  body200('counts negative', counts(-2, 0), BAD_COUNTS),
  body200('counts fractional', counts(2.5, 0), BAD_COUNTS),
  body200('a count missing', counts(2, undefined), BAD_COUNTS),
  body200('counts null', counts(null, null), BAD_COUNTS),
  body200('counts as booleans', counts(true, false), BAD_COUNTS),
  body200('a count beyond safe integers', counts(1e20, 0), BAD_COUNTS),
  body200(
    'no request_info',
    '{"batches_stopped":1,"batches_failed_to_stop":0}',
    UNTRUSTED('no request_info.success of true')
  ),
  body200(
    'success as a string',
    JSON.stringify({
      request_info: { success: 'true', message: 'x' },
      batches_stopped: 1,
      batches_failed_to_stop: 0
    }),
    UNTRUSTED('no request_info.success of true')
  ),
  body200(
    'success false with counts',
    JSON.stringify({
      request_info: { success: false, message: 'Batch service paused' },
      batches_stopped: 0,
      batches_failed_to_stop: 3
    }),
    {
      exitCode: 1,
      counts: { stopped: 0, failed: 3 },
      message: /^Batch service paused$/,
      maxMs: 3_000
    }
  ),
  body200(
    'unknown extra fields',
    JSON.stringify({
      request_info: {
        success: true,
        message: '7 Batches stopped',
        credits_used: 0,
        credits_remaining: 99
      },
      batches_stopped: 7,
      batches_failed_to_stop: 0,
      trace: { region: 'eu' },
      batches: [{ id: 'a1b2', status: 'idle' }]
    }),
    {
      exitCode: 0,
      counts: { stopped: 7, failed: 0 },
      message: /^7 Batches stopped$/,
      maxMs: 3_000
    }
  ),
  body200(
    'duplicated count keys: the last one counts',
    '{"request_info":' +
      '{"success":true,"message":"m"},"batches_stopped":1,' +
      '"batches_failed_to_stop":0,"batches_failed_to_stop":2}',
    {
      exitCode: 1,
      counts: { stopped: 1, failed: 2 },
      message: /^m$/,
      maxMs: 3_000
    }
  ),
  body200(
    'API text with line breaks and workflow commands',
    counts(1, 0, HOSTILE),
    {
      exitCode: 0,
      counts: { stopped: 1, failed: 0 },
      message: /^done ::error::forged annotation ::add-mask::x/,
      maxMs: 3_000
    }
  ),
  body200('a partial failure', counts(3, 2, '3 Batches stopped'), {
    exitCode: 1,
    counts: { stopped: 3, failed: 2 },
    message: /^3 Batches stopped$/,
    maxMs: 3_000,
    logs: /^::error::2 batches failed to stop \(3 stopped, 2 failed\)/m
  }),
  body200(
    'a partial failure, fail-on-failed-batches false',
    counts(3, 2, '3 Batches stopped'),
    {
      exitCode: 0,
      counts: { stopped: 3, failed: 2 },
      message: /^3 Batches stopped$/,
      maxMs: 3_000,
      logs: /^::warning::2 batches failed to stop/m
    },
    JSON_TYPE,
    { 'fail-on-failed-batches': 'false' }
  ),
  body200('nothing to stop', counts(0, 0, '0 Batches stopped'), {
    exitCode: 0,
    counts: { stopped: 0, failed: 0 },
    message: /^0 Batches stopped$/,
    maxMs: 3_000
  }),
  body200('a byte order mark before the JSON', '\ufeff' + counts(1, 0, 'ok'), {
    exitCode: 0,
    counts: { stopped: 1, failed: 0 },
    message: /^ok$/,
    maxMs: 3_000
  })
]
