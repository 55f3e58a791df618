import { holdsPartOfKey, longestSpelling, redact } from './secrets.js'

const WITHHELD = '[not shown: it holds part of the API key]'

/**
 * Makes text from outside (the API, a proxy, a CDN page, an input) safe for
 * one log line: no key, no line breaks that could start a workflow
 * command, no control characters, and a bounded length. The key goes
 * first: cut short, it would no longer be recognised.
 */
export function oneLine(text: string, maxLength = 200): string {
  // Only the start is kept: only the start is redacted, with room for a
  // spelling of the key that begins inside what is kept.
  const window = maxLength + longestSpelling()
  const head = text.length > window ? text.slice(0, window) : text
  const redacted = redact(head)
  // Printable ASCII has no control characters: the Unicode-aware pass,
  // costly on first use, is left for text that may.
  const visible = /^[\x20-\x7e]*$/.test(redacted)
    ? redacted
    : redacted.replace(/[\p{Cc}\u2028\u2029\u0085]+/gu, ' ')
  const flat = visible.replace(/\s+/g, ' ').trim()
  const cut = flat.length > maxLength || head.length < text.length
  const shown = cut ? `${flat.slice(0, maxLength - 3)}...` : flat
  // What redact() could not take out in place is not shown at all.
  return holdsPartOfKey(shown) ? WITHHELD : shown
}

/** "1 attempt", "4 attempts"; "1 batch", "2 batches". */
export function plural(count: number, noun: string): string {
  if (count === 1) return `${count} ${noun}`
  return `${count} ${noun}${/(s|sh|ch|x)$/.test(noun) ? 'es' : 's'}`
}
