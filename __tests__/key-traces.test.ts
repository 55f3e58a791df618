import { describe, expect, test } from '@jest/globals'
import { flatten, holdsAnyPiece } from '../src/key-traces.js'

const PIECES = ['ab"d&f<h', 'k3yabcde']

describe('a piece of the key is found however the text spells it', () => {
  test.each([
    ['as it is', 'x ab"d&f<h y'],
    ['in capitals', 'AB"D&F<H'],
    ['with named entities', 'ab&quot;d&amp;f&lt;h'],
    ['with decimal references', '&#97;&#98;&#34;d&#38;f&#60;h'],
    ['with hex references', '&#x61;&#X62;&#x22;d&#x26;f&#x3c;h'],
    ['as JSON escapes', 'ab\\"d\\u0026f\\u003ch'],
    ['percent-encoded twice', '%2561b%2522d%2526f%253Ch'],
    ['split by invisible characters', 'k3y\u200ba\u0000b\tc d\r\ne'],
    [
      'as latin1 bytes of UTF-8',
      Buffer.from('k3yabcde', 'utf8').toString('latin1')
    ]
  ])('%s', (_, text) => {
    expect(holdsAnyPiece(text, PIECES)).toBe(true)
  })
})

describe('text without a piece is left alone', () => {
  test.each([
    ['another word', 'abcdefgh'],
    ['an entity past the last code point', '&#x110000;&#99999999;'],
    ['a broken percent-encoding', '%E0%A4%A'],
    ['an unknown entity', '&nbsp;&copy;'],
    ['no pieces at all', 'k3yabcde']
  ])('%s', (_, text) => {
    const pieces = text === 'k3yabcde' ? [] : PIECES
    expect(holdsAnyPiece(text, pieces)).toBe(false)
  })

  test('text beyond latin1 is read only as it is', () => {
    expect(holdsAnyPiece('k3yabcd€', PIECES)).toBe(false)
  })
})

test('flatten folds forms, case and everything invisible', () => {
  expect(flatten('E\u0301 X\u200bY\n')).toBe('\u00e9xy')
})
