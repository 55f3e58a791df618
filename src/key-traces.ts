/**
 * What is left of the key in text that something else wrote: a piece of
 * it, however that text spelled it. Used to withhold such text, since its
 * spelling cannot always be undone in place.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'"
}

function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos));/gi,
    (entity, decimal?: string, hex?: string, name?: string) => {
      const code =
        decimal !== undefined
          ? Number(decimal)
          : hex !== undefined
            ? parseInt(hex, 16)
            : undefined
      if (code === undefined) return NAMED_ENTITIES[name ?? ''] ?? entity
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity
    }
  )
}

function decodeEscapes(text: string): string {
  return text.replace(
    /\\u([0-9a-fA-F]{4})|\\(["\\/])/g,
    (_, hex?: string, character?: string) =>
      hex !== undefined
        ? String.fromCharCode(parseInt(hex, 16))
        : (character ?? '')
  )
}

function decodePercents(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, run => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })
}

/** In one form, small letters, with nothing invisible or blank left. */
export function flatten(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\s]+/gu, '')
    .toLowerCase()
}

/**
 * The ways a reader might decode the text: entities, escapes and (double)
 * percent-encoding undone; and, for text that came as a header, its bytes
 * read again as the UTF-8 they were.
 */
function readings(text: string): string[] {
  const views = [text]
  // Only text of single bytes can be a header read as latin1.
  if (!/[\u0100-\uffff]/.test(text)) {
    views.push(Buffer.from(text, 'latin1').toString('utf8'))
  }
  return views.map(view =>
    flatten(decodePercents(decodePercents(decodeEscapes(decodeEntities(view)))))
  )
}

/** Whether any reading of the text holds one of the pieces. */
export function holdsAnyPiece(text: string, pieces: string[]): boolean {
  if (pieces.length === 0) return false
  return readings(text).some(reading =>
    pieces.some(piece => reading.includes(piece))
  )
}
