import { describe, expect, test } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { runInProcess } from './helpers/run-in-process.js'
import { unescapeCommandValue } from '../scripts/action-runner.ts'
import { linesHolding, stopAllCall } from './helpers/api.js'
import { apiError, stopped } from './fixtures/responses.js'

// Characters that URL-encoding changes, so the key has three spellings.
const KEY = "sk+9/Zq=x&y!'()*~Mw"
const ENCODED = encodeURIComponent(KEY)
const FORM_ENCODED = new URLSearchParams({ k: KEY }).toString().slice(2)
// What the HTTP client's URL parser makes of ENCODED: it encodes ' too.
const SENT = 'sk%2B9%2FZq%3Dx%26y!%27()*~Mw'
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
      .replyWithError(new Error(`Request timeout: ${path}`))
    const { lines, outputs, exitCode } = await runInProcess({ 'api-key': KEY })
    expect(exitCode).toBe(1)
    expect(outputs.message).toContain('Request timeout: /live/batches/')
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

/** The log, less the masking commands, which must hold the key. */
const unmasked = (lines: string[]) =>
  lines.filter(line => !line.startsWith('::add-mask::')).join('\n')

describe('the key, written by whatever echoes it, never appears', () => {
  // A key as the API issues them (hex), and one with every character that
  // an encoder may change.
  const HEX_KEY = '0f3a9c1e5b7d2f4a6c8e0b1d9e8f7a6b'
  const MARKER = 'ZQXJ'

  test('when the text that holds it is cut short', async () => {
    const key = `${MARKER}${HEX_KEY}`
    const echo = `404 page not found for /live/batches/stopall?api_key=${key}`
    stopAllCall().reply(404, echo, { 'content-type': 'text/plain' })
    stopAllCall().reply(401, apiError(`${'x'.repeat(180)} ${key}`))
    const first = await runInProcess({ 'api-key': key, retries: '0' })
    const second = await runInProcess({ 'api-key': key, retries: '0' })
    for (const { lines, outputs } of [first, second]) {
      expect(unmasked(lines) + JSON.stringify(outputs)).not.toContain(MARKER)
    }
  })

  test('in a bad api-url, cut short in the error', async () => {
    const key = `${MARKER}${HEX_KEY}`
    const url = `http://api.serpwow.com/live/batches/stopall?api_key=${key}`
    const { lines, outputs } = await runInProcess({
      'api-key': key,
      'api-url': url
    })
    expect(unmasked(lines) + JSON.stringify(outputs)).not.toContain(MARKER)
  })

  const key = "ZQXJ*+/=&'é~WVKP"
  test.each([
    ['percent-encoded strictly', 'ZQXJ%2A%2B%2F%3D%26%27%C3%A9%7EWVKP'],
    ['percent-encoded in lower case', 'ZQXJ%2a%2b%2f%3d%26%27%c3%a9%7eWVKP'],
    [
      'percent-encoded twice',
      'ZQXJ%252A%252B%252F%253D%2526%2527%25C3%25A9~WVKP'
    ],
    ['escaped as JSON text', 'ZQXJ*+\\/=\\u0026\\u0027\\u00e9~WVKP'],
    ['escaped as HTML', 'ZQXJ*+/=&amp;&#39;&#xe9;~WVKP'],
    ['in a mix of spellings', 'ZQXJ%2a+\\/%3D&#38;%27é%7EWVKP']
  ])('%s', async (_, spelled) => {
    // A body with no JSON message, so that the excerpt shows it as sent.
    stopAllCall().reply(404, `no batches API here: ${spelled}`)
    const { lines, outputs } = await runInProcess({
      'api-key': key,
      retries: '0'
    })
    const everything = unmasked(lines) + JSON.stringify(outputs)
    expect(everything).toContain('no batches API here: ***')
    expect(everything).not.toContain('WVKP')
  })
})

describe('what is left of the key never appears either', () => {
  const KEY = 'abcdefgh12345678ABCDEFGH87654321'
  const pieceOfKey = /[a-zA-Z0-9]{8,}/

  test.each([
    ['cut short', KEY.slice(0, 16) + '...'],
    ['in capitals', KEY.toUpperCase()],
    ['in small letters', KEY.toLowerCase()],
    [
      'broken by a control character',
      `${KEY.slice(0, 12)}\u0007${KEY.slice(12)}`
    ],
    [
      'broken by a zero-width space',
      `${KEY.slice(0, 12)}\u200b${KEY.slice(12)}`
    ]
  ])('%s', async (_, echoed) => {
    stopAllCall().reply(401, apiError(`Key ${echoed} invalid`))
    const { lines, outputs, summary } = await runInProcess({
      'api-key': KEY,
      retries: '0'
    })
    const everything = unmasked(lines) + JSON.stringify(outputs) + summary
    const pieces = everything.match(new RegExp(pieceOfKey, 'g')) ?? []
    expect(
      pieces.filter(piece => KEY.toLowerCase().includes(piece.toLowerCase()))
    ).toEqual([])
  })

  test('normalised to another Unicode form', async () => {
    const key = 'e\u0301tudiantsecret123'
    stopAllCall().reply(401, apiError(`Key ${key.normalize('NFC')} invalid`))
    const { lines, outputs } = await runInProcess({
      'api-key': key,
      retries: '0'
    })
    expect(unmasked(lines) + JSON.stringify(outputs)).not.toContain('tudiants')
  })

  test('in a huge text, of which only the start is kept', async () => {
    const key = 'x'.repeat(255) + '!'
    const huge = `${key} ${'y'.repeat(900 * 1024)}`
    stopAllCall().reply(404, huge, { 'content-type': 'text/plain' })
    const { lines, outputs } = await runInProcess({
      'api-key': key,
      retries: '0'
    })
    expect(outputs.message).toContain('body starts "*** yyy')
    expect(outputs.message).toContain('yyy..."')
    expect(unmasked(lines)).not.toContain('xxxxxxxx')
  })
})

describe('a key that cannot be taken out in place withholds the text', () => {
  const WITHHELD = '[not shown: it holds part of the API key]'
  const percentEach = (text: string) =>
    [...Buffer.from(text, 'utf8')]
      .map(byte => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
      .join('')

  async function shownFor(key: string, status: number, body: string) {
    stopAllCall().reply(status, body, { 'content-type': 'text/plain' })
    const run = await runInProcess({ 'api-key': key, retries: '0' })
    const everything =
      unmasked(run.lines) + JSON.stringify(run.outputs) + run.summary
    return { ...run, everything }
  }

  test('percent-encoded, and cut off where the excerpt ends', async () => {
    const key = 'k3yABCDEFGHIJKLMNOPQRSTUVWXYZ012'
    // The message is redacted over its first 200 + 20 × 32 characters:
    // this puts the end of that window inside the encoded key.
    const message = `Invalid api_key${'\n'.repeat(774)} ${percentEach(key)}`
    const { everything } = await shownFor(
      key,
      401,
      JSON.stringify({ request_info: { success: false, message } })
    )
    expect(everything).toContain(WITHHELD)
    expect(everything).not.toMatch(/%6B%33%79%41/)
  })

  test('JSON-escaped, with quotes and backslashes in the key', async () => {
    const key = 'Ab3"Cd5\\Ef7"Gh9\\Jk'
    const { everything } = await shownFor(
      key,
      403,
      JSON.stringify({ api_key: key })
    )
    expect(everything).toContain(WITHHELD)
    expect(everything).not.toContain('Ef7')
  })

  test('in UTF-16, read as UTF-8', async () => {
    const key = 'k3yABCDEFGHIJKLMNOPQRSTUVWXYZ012'
    const body = Buffer.from(`bad key ${key}`, 'utf16le').toString('latin1')
    const { everything } = await shownFor(key, 404, body)
    expect(everything).not.toMatch(/A.?B.?C.?D.?E.?F.?G.?H/)
  })

  test.each([
    ['a control character', 'Qw7Er9\u0007Ty3Ui5'],
    ['a line break', 'Qw7Er9\r\nTy3Ui5'],
    ['zero-width spaces', 'Qw7Er9T\u200by3Ui5']
  ])('split by %s', async (_, echoed) => {
    const { everything } = await shownFor('Qw7Er9Ty3Ui5', 401, `key ${echoed}`)
    expect(everything).toContain(WITHHELD)
    expect(everything).not.toContain('Ty3Ui5')
  })

  test('in a header, its UTF-8 read as latin1', async () => {
    const key = 'Bé7kLwQé9xPzRé2mNvTé5'
    const location = Buffer.from(`/x?api_key=${key}`, 'utf8').toString('latin1')
    stopAllCall().reply(302, '', { location })
    const { lines, outputs } = await runInProcess({
      'api-key': key,
      retries: '0'
    })
    expect(unmasked(lines) + JSON.stringify(outputs)).not.toContain('LwQ')
    expect(outputs.message).toContain(WITHHELD)
  })

  test('HTML-escaped by character references', async () => {
    const key = 'k3yABCDEFGHIJKLMNOPQRSTUVWXYZ012'
    const html = Array.from(key, c => `&#${c.charCodeAt(0)};`).join('')
    const { everything } = await shownFor(key, 404, `<p>${html.slice(0, 60)}`)
    expect(everything).toContain(WITHHELD)
  })

  test('but text that merely looks alike is shown', async () => {
    const key = 'k3yABCDEFGHIJKLMNOPQRSTUVWXYZ012'
    const { outputs } = await shownFor(
      key,
      404,
      'k3yABCD is not it, nor &amp; %41'
    )
    expect(outputs.message).toContain('k3yABCD is not it, nor &amp; %41')
  })
})

describe('spellings found by trying to break it', () => {
  const HEX = '3a18f6d4b2907e5c3a18f6d4b2907e5c'
  const WITHHELD =
    /\[not shown: it holds part of the API key\]|\[not shown: this line held part of the API key\]/
  const codes = (text: string, form: (code: number) => string) =>
    Array.from(text, c => form(c.charCodeAt(0))).join('')

  async function logFor(key: string, message: string) {
    stopAllCall().reply(401, apiError(message))
    const run = await runInProcess({ 'api-key': key, retries: '0' })
    return unmasked(run.lines) + JSON.stringify(run.outputs) + run.summary
  }

  test.each([
    ['variation selectors between', Array.from(HEX).join('\ufe0f')],
    ['Hangul fillers between', Array.from(HEX).join('\u3164')],
    ['padded references', codes(HEX.slice(0, 10), c => `&#0000${c};`)],
    ['references without semicolons', codes(HEX, c => `&#${c}`)],
    [
      'three times percent-encoded',
      encodeURIComponent(
        encodeURIComponent(codes(HEX, c => `%${c.toString(16)}`))
      )
    ],
    [
      'full-width',
      Array.from(HEX, c => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join(
        ''
      )
    ]
  ])('the key as %s', async (_, spelled) => {
    const log = await logFor(HEX, `bad key ${spelled}`)
    expect(log).toMatch(WITHHELD)
    expect(log).not.toContain('3a18f6d4')
  })

  test('a key folded to capitals that do not fold back', async () => {
    const key = 'aßbcdefßghijkßlmnop'
    const log = await logFor(key, `bad key ${key.toUpperCase()}`)
    expect(log).toMatch(WITHHELD)
    expect(log).not.toContain('GHIJK')
  })

  test('UTF-8 read as latin1, beside other text', async () => {
    const key = 'абвгдежзийклмноп'
    const misread = Buffer.from(key, 'utf8').toString('latin1')
    const log = await logFor(key, `€ bad key ${misread}`)
    expect(log).toMatch(WITHHELD)
    expect(log).not.toContain(misread.slice(0, 8))
  })

  test('a key with fewer than 8 letters or digits is refused', async () => {
    const { lines } = await runInProcess({ 'api-key': 'e\u0301'.repeat(6) })
    expect(lines.join('\n')).toContain(
      "Input 'api-key' must be a key with at least 8 letters or digits"
    )
  })
})
