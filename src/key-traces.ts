/**
 * What is left of the key in text that something else wrote: a piece of
 * it, however that text spelled it. Text is read the way a person, or a
 * decoder, might read it, so that a spelling nobody listed is still found;
 * such text is then withheld, since it cannot always be redacted in place.
 */

/** How many times nested encodings are undone. */
const DECODING_PASSES = 4

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'"
}

function fromCodePoint(code: number): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : ' '
}

function decodePercentRun(run: string): string {
  try {
    return decodeURIComponent(run)
  } catch {
    return run
  }
}

/** One pass over every encoding at once: entities, escapes, percents. */
function decodeOnce(text: string): string {
  return text
    .replace(/&#x0*([0-9a-f]{1,6});?/gi, (_, hex: string) =>
      fromCodePoint(parseInt(hex, 16))
    )
    .replace(/&#0*(\d{1,7});?/g, (_, digits: string) =>
      fromCodePoint(Number(digits))
    )
    .replace(
      /&([a-z]+);/gi,
      (_, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? ' '
    )
    .replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16))
    )
    .replace(/\\(["\\/])/g, '$1')
    .replace(/(?:%[0-9a-f]{2})+/gi, decodePercentRun)
}

function decodeFully(text: string): string {
  let decoded = text
  for (let pass = 0; pass < DECODING_PASSES; pass++) {
    const next = decodeOnce(decoded)
    if (next === decoded) break
    decoded = next
  }
  return decoded
}

/** Bytes of UTF-8 that were read as latin1 (as headers are), read again. */
function rereadLatin1(text: string): string {
  return text.replace(/[\u0080-\u00ff]+/g, run => {
    const reread = Buffer.from(run, 'latin1').toString('utf8')
    return reread.includes('\ufffd') ? run : reread
  })
}

/**
 * Only the letters and digits, in one form and one case: what is left
 * when invisible, joining and spacing characters, punctuation and width
 * are taken away, and upper case folded as it folds back (SS for ß).
 */
export function lettersOf(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toUpperCase()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '')
      // Hangul fillers are letters by category, and blank to the eye.
      .replace(/[\u115f\u1160\u3164\uffa0]+/g, '')
  )
}

/**
 * What is visible, in one form and one case: lettersOf, but with the
 * punctuation kept, for keys that are more than letters and digits.
 */
function visibleOf(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    .replace(/[\p{C}\p{Z}\p{M}\s\u115f\u1160\u3164\uffa0]+/gu, '')
}

/**
 * Printable ASCII with no %, & or backslash, so nothing in it is encoded:
 * most of what the action writes. Such text is handled without the
 * Unicode-aware expressions above, whose first use alone would cost every
 * run a millisecond or two.
 */
export function isPlainText(text: string): boolean {
  return /^[\x20-\x24\x27-\x5b\x5d-\x7e]*$/.test(text)
}

/** The two views, letters only and all that is visible, of each reading. */
export function viewsOf(text: string): string[] {
  if (isPlainText(text)) {
    const lower = text.toLowerCase()
    return [lower.replace(/[^a-z0-9]+/g, ''), lower.replace(/ +/g, '')]
  }
  const decoded = [decodeFully(text), decodeFully(rereadLatin1(text))]
  return [...new Set(decoded.flatMap(d => [lettersOf(d), visibleOf(d)]))]
}

/** Whether any view of any reading of the text holds one of the pieces. */
export function holdsAnyPiece(text: string, pieces: string[]): boolean {
  if (pieces.length === 0) return false
  return viewsOf(text).some(view => pieces.some(piece => view.includes(piece)))
}
