/**
 * Servers that echo the key back, in the spellings that encoders, JSON
 * writers and HTML templates give it, and at lengths that get cut short.
 * The key ends in a marker, so that any part of it that shows is a leak.
 */
import type { Scenario } from '../scenario.ts'
import { webServer } from '../servers.ts'

const MARKER = 'WVKP'
const KEY = `ZQXJ*+/=&'é~${MARKER}`

/** Where the key was: redacted in place, or the whole text withheld. */
const HIDDEN = /\*\*\*|\[not shown: it holds part of the API key\]/

const strict = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*~]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/é/g, '&#xe9;')

/** A server that answers 404 with the request's key, spelled by `spell`. */
function echoing(
  name: string,
  spell: (key: string, url: string) => string,
  json = false
): Scenario {
  return {
    kind: 'body',
    name: `a 404 that echoes the key ${name}`,
    key: KEY,
    setup: async () => {
      const server = await webServer((request, response) => {
        const url = request.url ?? ''
        const key = new URL(url, 'http://x').searchParams.get('api_key') ?? ''
        const text = spell(key, url)
        response.writeHead(404, {
          'content-type': json ? 'application/json' : 'text/plain'
        })
        response.end(
          json
            ? JSON.stringify({
                request_info: { success: false, message: text }
              })
            : text
        )
      })
      return {
        apiUrl: `http://127.0.0.1:${server.port}/live`,
        servers: [server],
        secrets: [MARKER]
      }
    },
    inputs: { retries: '0' },
    expected: { exitCode: 1, counts: null, message: HIDDEN, maxMs: 2_000 }
  }
}

export const echoScenarios: Scenario[] = [
  echoing(
    'in the request URL, where the excerpt is cut',
    (_, url) => `404 page not found for ${url}`
  ),
  echoing('as it was sent', (_, url) => url.split('=')[1] ?? ''),
  echoing('percent-encoded strictly', key => strict(key)),
  echoing('percent-encoded in lower case', key =>
    strict(key).replace(/%[0-9A-F]{2}/g, code => code.toLowerCase())
  ),
  echoing('percent-encoded twice', key => encodeURIComponent(strict(key))),
  echoing('escaped as HTML', key => `<p>Bad key ${html(key)}</p>`),
  echoing('as JSON with escaped slashes', key =>
    JSON.stringify(key).replace(/\//g, '\\/')
  ),
  echoing('cut short', key => `bad key ${key.slice(0, 10)}...`),
  echoing(
    'percent-encoded, cut off where the message is cut',
    // The message is redacted over its first 200 + 20 × 16 characters:
    // this ends that window inside the encoded key.
    key => `bad key${'\n'.repeat(490)} ${strict(key)}`,
    true
  ),
  echoing('in UTF-16, read as UTF-8', key =>
    Buffer.from(`bad key ${key}`, 'utf16le').toString('latin1')
  ),
  echoing('split by zero-width spaces', key => Array.from(key).join('\u200b')),
  echoing('in capitals', key => `bad key ${key.toUpperCase()}`),
  echoing(
    'broken by a control character',
    key => `bad key ${key.slice(0, 6)}\u0007${key.slice(6)}`
  ),
  echoing(
    'in a long JSON message, where the message is cut',
    key => `${'x'.repeat(185)} ${key}`,
    true
  ),
  redirectEchoing()
]

/** A redirect whose Location holds the key's UTF-8, as a header carries it. */
function redirectEchoing(): Scenario {
  return {
    kind: 'body',
    name: 'a redirect that echoes the key in its Location',
    key: KEY,
    setup: async () => {
      const server = await webServer((request, response) => {
        const url = request.url ?? ''
        const key = new URL(url, 'http://x').searchParams.get('api_key') ?? ''
        const location = Buffer.from(`/next?api_key=${key}`, 'utf8')
        response.writeHead(302, { location: location.toString('latin1') })
        response.end()
      })
      return {
        apiUrl: `http://127.0.0.1:${server.port}/live`,
        servers: [server],
        secrets: [MARKER]
      }
    },
    inputs: { retries: '0' },
    expected: {
      exitCode: 1,
      counts: null,
      message: /redirect to \[not shown: it holds part of the API key\]/,
      maxMs: 2_000
    }
  }
}
