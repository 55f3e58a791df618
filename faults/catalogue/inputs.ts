/** Every malformed value of every input, and keys as people paste them. */
import type { Scenario } from '../scenario.ts'
import { startSimulator } from '../../simulator/serpwow-simulator.ts'

/** A simulator that accepts `key`, and reports any request it got. */
async function simulatorFor(key: string, expectRequest: boolean) {
  const simulator = await startSimulator({
    validKeys: [key],
    batches: ['queued', 'running']
  })
  return {
    apiUrl: simulator.apiUrl,
    servers: [{ ...simulator, seen: [] }],
    verify: () => {
      const sent = simulator.requests.length > 0
      if (sent === expectRequest) return []
      return [expectRequest ? 'no request was sent' : 'a request was sent']
    }
  }
}

/** A value as a scenario's name shows it: quoted, and short. */
function label(value: string): string {
  return value.length > 40
    ? `of ${value.length} characters`
    : JSON.stringify(value)
}

function badInput(
  input: string,
  value: string,
  message: RegExp,
  key = 'valid-key'
): Scenario {
  return {
    kind: 'input',
    name: `${input} ${label(input === 'api-key' ? key : value)}`,
    setup: () => simulatorFor(key, false),
    key,
    inputs: input === 'api-key' ? {} : { [input]: value },
    expected: { exitCode: 1, counts: null, message, maxMs: 2_000 }
  }
}

const EMPTY_KEY = /^Input 'api-key' must be an API key/
const KEY_INSIDE = /^Input 'api-key' must be a key with no spaces/
const URL_BAD = /^Input 'api-url' must be an https URL/
const URL_PARTS = /^Input 'api-url' must be a base URL with no user name/
const TIMEOUT_BAD = /^Input 'timeout-seconds' must be a number of seconds/
const RETRIES_BAD = /^Input 'retries' must be a whole number from 0 to 10/
const PRODUCT_BAD =
  /^Input 'api' must be one of serpwow, scaleserp, bluecart, bigbox, backyard/
const BOOLEAN_BAD = /^Input 'fail-on-failed-batches' must be true or false/

const badKeys: Scenario[] = [
  ['', EMPTY_KEY],
  ['   ', EMPTY_KEY],
  ['\n\t\n', EMPTY_KEY],
  ['two words', KEY_INSIDE],
  ['Qz7\nWx9Kp3', KEY_INSIDE],
  ['tab\tinside', KEY_INSIDE],
  ['escape\u001b[31minside', KEY_INSIDE],
  ['nbsp\u00a0inside', KEY_INSIDE],
  ['x'.repeat(100_000), /^Input 'api-key' must be a key of 8 to 256/],
  ['x'.repeat(257), /^Input 'api-key' must be a key of 8 to 256/],
  ['short12', /^Input 'api-key' must be a key of 8 to 256/]
].map(([key, message]) =>
  badInput('api-key', '', message as RegExp, key as string)
)

const badValues: Scenario[] = [
  ...[
    'api.serpwow.com/live',
    'http://api.serpwow.com/live',
    'http://10.0.0.1/live',
    'ftp://127.0.0.1/live',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://',
    'https:// spaces .com'
  ].map(value => badInput('api-url', value, URL_BAD)),
  ...[
    'https://user:pass@127.0.0.1/live',
    'https://127.0.0.1/live?api_key=x',
    'https://127.0.0.1/live#frag'
  ].map(value => badInput('api-url', value, URL_PARTS)),
  ...[
    '0',
    '-1',
    'abc',
    '1e3',
    '30s',
    '',
    '601',
    'Infinity',
    'NaN',
    '.',
    '1,5',
    ' 0 '
  ].map(value => badInput('timeout-seconds', value, TIMEOUT_BAD)),
  ...['-1', '1.5', 'three', '', '11', '0x3', '1e1', '+1'].map(value =>
    badInput('retries', value, RETRIES_BAD)
  ),
  ...['valueserp', 'rainforest', '', 'serp wow', 'serpwow,bluecart'].map(
    value => badInput('api', value, PRODUCT_BAD)
  ),
  ...['yes', 'no', '1', '0', 'on', '', 'TRUE ish', 'tRuE'].map(value =>
    badInput('fail-on-failed-batches', value, BOOLEAN_BAD)
  )
]

/** A key the simulator accepts, given as `pasted`. */
function goodKey(name: string, key: string, pasted = key): Scenario {
  return {
    kind: 'input',
    name,
    setup: () => simulatorFor(key, true),
    key: pasted,
    expected: {
      exitCode: 0,
      counts: { stopped: 2, failed: 0 },
      message: /^2 Batches stopped$/,
      maxMs: 3_000
    }
  }
}

const goodKeys: Scenario[] = [
  goodKey('a key that needs URL-encoding', "a+b/c=d&e%f?g#h!'()*~"),
  goodKey('a key of unicode letters', 'clé-ключ-鍵'),
  goodKey('a key pasted with spaces around', 'pasted-key', '  pasted-key  '),
  goodKey('a key pasted with a trailing newline', 'pasted-key', 'pasted-key\n'),
  goodKey('a key pasted with CRLF around', 'pasted-key', '\r\npasted-key\r\n'),
  {
    ...goodKey('timeout-seconds and retries at their edges', 'edge-key-1'),
    inputs: { 'timeout-seconds': '600', retries: '10' }
  },
  {
    ...goodKey('fail-on-failed-batches written False', 'edge-key-1'),
    inputs: { 'fail-on-failed-batches': 'False' }
  }
]

export const inputScenarios: Scenario[] = [
  ...badKeys,
  ...badValues,
  ...goodKeys
]
