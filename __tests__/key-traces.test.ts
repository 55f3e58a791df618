import { describe, expect, test } from '@jest/globals'
import { holdsAnyPiece, lettersOf } from '../src/key-traces.js'
import { piecesOf } from '../src/secrets.js'

const KEY = '3a18f6d4b2907e5c'
const PIECES = piecesOf(KEY)
const html = (text: string, form: (code: number) => string) =>
  Array.from(text, c => form(c.charCodeAt(0))).join('')
const percent = (text: string) =>
  Array.from(text, c => `%${c.charCodeAt(0).toString(16)}`).join('')

describe('a piece of the key is found however the text spells it', () => {
  test.each([
    ['as it is', `x ${KEY} y`],
    ['in capitals', KEY.toUpperCase()],
    ['in full-width letters', '３ａ１８ｆ６ｄ４'],
    [
      'split by invisible or joining characters',
      '3\ufe0fa\u034f1\u200b8 f\u00006d\u31644'
    ],
    ['with decimal references, padded', html(KEY, c => `&#000${c};`)],
    ['with references and no semicolons', html(KEY, c => `&#${c}`)],
    ['with hex references', html(KEY, c => `&#X${c.toString(16)};`)],
    ['with named entities between', '3a&period;18f&comma;6d4'],
    ['as JSON escapes', html(KEY, c => `\\u00${c.toString(16)}`)],
    [
      'percent-encoded three times',
      encodeURIComponent(encodeURIComponent(percent(KEY)))
    ],
    [
      'percent-encoded references',
      encodeURIComponent(html(KEY, c => `&#${c};`))
    ],
    ['as latin1 bytes of UTF-8, beside other text', '€ ' + KEY]
  ])('%s', (_, text) => {
    expect(holdsAnyPiece(text, PIECES)).toBe(true)
  })

  test('a key of letters that fold differently', () => {
    const key = 'aßbcdefßghijkßlmnop'
    expect(holdsAnyPiece(`bad ${key.toUpperCase()}`, piecesOf(key))).toBe(true)
    const cyrillic = 'абвгдежзийклмноп'
    const misread = Buffer.from(cyrillic, 'utf8').toString('latin1')
    expect(holdsAnyPiece(`€ ${misread}`, piecesOf(cyrillic))).toBe(true)
  })
})

describe('text without a piece is left alone', () => {
  test.each([
    ['ordinary words', '23 Batches stopped'],
    ['other hex', 'trace 9c4e2f7a01b3d5e6'],
    ['a code point past the last', '&#x110000;&#99999999;'],
    ['a broken percent-encoding', '%E0%A4%A'],
    ['an unknown entity', '&nbsp;&copy;']
  ])('%s', (_, text) => {
    expect(holdsAnyPiece(text, PIECES)).toBe(false)
  })

  test('and nothing is found with no pieces', () => {
    expect(holdsAnyPiece(KEY, [])).toBe(false)
  })
})

test('letters and digits only, in one form and case', () => {
  expect(lettersOf('E\u0301 X\u200bY\n ß')).toBe('\u00e9xyss')
})
