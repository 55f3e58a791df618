import nock from 'nock'

export const API_ORIGIN = 'https://api.serpwow.com'
export const STOP_ALL_PATH = '/live/batches/stopall'

/** An interceptor for one stop-all call to the default api-url. */
export function stopAllCall(key?: string): nock.Interceptor {
  return nock(API_ORIGIN)
    .get(STOP_ALL_PATH)
    .query(key === undefined ? true : { api_key: key })
}

/** Lines that are not the masking command but hold the text. */
export function linesHolding(lines: string[], text: string): string[] {
  return lines.filter(
    line => line.includes(text) && !line.startsWith('::add-mask::')
  )
}
