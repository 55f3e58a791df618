import { redact } from './secrets.js'

/**
 * Makes text from outside (the API, a proxy, a CDN page, an input) safe for
 * one log line: no key, no line breaks that could start a workflow
 * command, no control characters, and a bounded length. The key goes
 * first: cut short, it would no longer be recognised.
 */
export function oneLine(text: string, maxLength = 200): string {
  const flat = redact(text)
    .replace(/[\p{Cc}\u2028\u2029\u0085]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 3)}...` : flat
}

/** "1 attempt", "4 attempts"; "1 batch", "2 batches". */
export function plural(count: number, noun: string): string {
  if (count === 1) return `${count} ${noun}`
  return `${count} ${noun}${/(s|sh|ch|x)$/.test(noun) ? 'es' : 's'}`
}
