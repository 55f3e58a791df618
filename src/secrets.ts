import * as core from '@actions/core'
import { holdsAnyPiece, isPlainText, viewsOf } from './key-traces.js'

const REDACTED = '***'

/**
 * The key as it travels in the query: percent-encoded, then normalised as
 * the URL parser of the HTTP client does (it encodes ' as well).
 */
export function encodeKeyForQuery(key: string): string {
  const url = new URL(`https://host/?k=${encodeURIComponent(key)}`)
  return url.search.slice('?k='.length)
}

/** The exact spellings worth asking the runner to mask. */
function commonSpellings(key: string): string[] {
  return [
    ...new Set([
      key,
      encodeKeyForQuery(key),
      encodeURIComponent(key),
      new URLSearchParams({ k: key }).toString().slice(2)
    ])
  ]
}

const HTML_NAMED: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;'
}

const escapeForRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/** Hex digits either way up: %2b is %2B. Spelled out, for speed (below). */
const caseless = (hex: string) =>
  hex.replace(/[a-f]/g, digit => `[${digit}${digit.toUpperCase()}]`)

/**
 * Every way one character of the key may be written by whatever echoes
 * it: as it is, percent-encoded (once or twice), as a JSON \u escape or an
 * escaped slash, or as an HTML character reference.
 */
function characterPattern(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0
  const bytes = [...Buffer.from(character, 'utf8')]
  const hex = (n: number, width: number) =>
    caseless(n.toString(16).padStart(width, '0'))
  const units = Array.from({ length: character.length }, (_, i) =>
    character.charCodeAt(i)
  )
  const ways = [
    escapeForRegExp(character),
    bytes.map(byte => `%(?:25)?${hex(byte, 2)}`).join(''),
    units.map(unit => `\\\\u${hex(unit, 4)}`).join(''),
    `&#0*${codePoint};`,
    `&#[xX]0*${hex(codePoint, 1)};`
  ]
  if (character === '/') ways.push('\\\\/')
  const named = HTML_NAMED[character]
  if (named !== undefined) ways.push(escapeForRegExp(named))
  return `(?:${ways.join('|')})`
}

/** A pattern for the key written in any mix of those encodings. */
function keyPattern(key: string): RegExp {
  // By code point: that is the unit every one of those encoders works in.
  const pattern = Array.from(key, characterPattern).join('')
  // No i or u flag: with them, V8 takes milliseconds to compile a pattern
  // this long, a cost every run of the action would pay.
  return new RegExp(pattern, 'g')
}

/**
 * Keys are 32 characters; a far shorter or longer value is a bad paste,
 * which the settings refuse. The pattern above would be too large to
 * build for a very long one, and a very short one would match anything.
 */
export const MIN_KEY_LENGTH = 8
export const MAX_KEY_LENGTH = 256

/**
 * The longest any spelling of a key this long can be (a character of four
 * UTF-8 bytes, each percent-encoded twice); text is redacted in windows
 * at least this much longer than what is kept of it.
 */
export function longestSpelling(): number {
  return 20 * keyLength
}

let keyLength = 0

let redactor: (text: string) => string = text => text
let keyPieces: string[] = []

/** Every run of MIN_KEY_LENGTH characters of each view of the key. */
export function piecesOf(key: string): string[] {
  const pieces = new Set<string>()
  for (const view of viewsOf(key)) {
    for (let start = 0; start + MIN_KEY_LENGTH <= view.length; start++) {
      pieces.add(view.slice(start, start + MIN_KEY_LENGTH))
    }
  }
  return [...pieces]
}

/**
 * Whether the text still holds a piece of the key in some spelling that
 * redact() could not take out in place: decoded, split by invisible
 * characters, or cut short inside an encoding.
 */
export function holdsPartOfKey(text: string): boolean {
  return holdsAnyPiece(text, keyPieces)
}

/**
 * Asks the runner to mask the key's common spellings, and has redact()
 * take the key, however encoded, out of everything the action writes.
 */
export function protectKey(key: string): void {
  keyLength = key.length
  keyPieces = key.length <= MAX_KEY_LENGTH ? piecesOf(key) : []
  if (key === '') {
    redactor = text => text
    return
  }
  const spellings = commonSpellings(key)
  for (const spelling of spellings) core.setSecret(spelling)
  if (key.length <= MAX_KEY_LENGTH) {
    // Only whole spellings are taken out in place; what is left of a key
    // cut short or respelled stays, for holdsPartOfKey() to find.
    const anySpelling = keyPattern(key)
    redactor = text =>
      // Text with nothing encoded in it can hold the key only as it is.
      isPlainText(text)
        ? text.split(key).join(REDACTED)
        : text.replace(anySpelling, REDACTED)
    return
  }
  // Too long to build a pattern for: only its exact spellings go.
  const longestFirst = spellings.sort((a, b) => b.length - a.length)
  redactor = text =>
    longestFirst.reduce(
      (safe, spelling) => safe.split(spelling).join(REDACTED),
      text
    )
}

/** Replaces the key, in any spelling, with ***. */
export function redact(text: string): string {
  return redactor(text)
}

const WITHHELD_LINE = '[not shown: this line held part of the API key]'

/**
 * What the action writes, made safe: the key taken out in place, and a
 * line that still holds a piece of it, in any reading, withheld whole.
 */
export function scrub(text: string): string {
  const redacted = redact(text)
  return holdsPartOfKey(redacted) ? WITHHELD_LINE : redacted
}
