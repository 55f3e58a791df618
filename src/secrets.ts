import * as core from '@actions/core'

const REDACTED = '***'

/**
 * Every spelling of the key that could reach a log: the raw key and the
 * encodings a URL or a server echoing the query may give it.
 */
function spellingsOf(key: string): string[] {
  const spellings = new Set([
    key,
    encodeURIComponent(key),
    new URLSearchParams({ k: key }).toString().slice(2)
  ])
  // Longest first, so a longer spelling is never left half replaced.
  return [...spellings].sort((a, b) => b.length - a.length)
}

/** Replaces the key, in any spelling, in text the action writes itself. */
export type Redactor = (text: string) => string

/**
 * Asks the runner to mask every spelling of the key, and returns a redactor
 * for what the runner does not mask: output and summary files.
 */
export function protectKey(key: string): Redactor {
  if (key === '') return text => text
  const spellings = spellingsOf(key)
  for (const spelling of spellings) core.setSecret(spelling)
  return text => {
    let safe = text
    for (const spelling of spellings) safe = safe.split(spelling).join(REDACTED)
    return safe
  }
}
