import * as core from '@actions/core'

const REDACTED = '***'

/**
 * The key as it travels in the query: percent-encoded, then normalised as
 * the URL parser of the HTTP client does (it encodes ' as well).
 */
export function encodeKeyForQuery(key: string): string {
  const url = new URL(`https://host/?k=${encodeURIComponent(key)}`)
  return url.search.slice('?k='.length)
}

/**
 * Every spelling of the key that could reach a log: the raw key, the one
 * sent, and the ones a server echoing the query may give it. Longest
 * first, so that a longer spelling is never left half replaced.
 */
function spellingsOf(key: string): string[] {
  const spellings = new Set([
    key,
    encodeKeyForQuery(key),
    encodeURIComponent(key),
    new URLSearchParams({ k: key }).toString().slice(2)
  ])
  return [...spellings].sort((a, b) => b.length - a.length)
}

let secretSpellings: string[] = []

/**
 * Asks the runner to mask every spelling of the key, and has redact() take
 * them out of what the runner does not mask: output and summary files.
 */
export function protectKey(key: string): void {
  secretSpellings = key === '' ? [] : spellingsOf(key)
  for (const spelling of secretSpellings) core.setSecret(spelling)
}

/** Replaces the key, in any spelling, with ***. */
export function redact(text: string): string {
  let safe = text
  for (const spelling of secretSpellings) {
    safe = safe.split(spelling).join(REDACTED)
  }
  return safe
}
