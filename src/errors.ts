/** An input that does not hold what the action expects. */
export class InputError extends Error {
  constructor(input: string, expected: string, received?: string) {
    const got = received === undefined ? '' : ` Received: ${received}.`
    super(`Input '${input}' must be ${expected}.${got}`)
    this.name = 'InputError'
  }
}

/** Turns any thrown value, Error or not, into one message. */
export function errorMessage(thrown: unknown): string {
  // Not instanceof Error: an error from another realm (a vm context, a
  // worker) is an Error all the same.
  if (typeof thrown === 'object' && thrown !== null) {
    const { message, name } = thrown as { message?: unknown; name?: unknown }
    if (typeof message === 'string' && message !== '') return message
    if (typeof name === 'string' && name !== '') return name
  }
  if (typeof thrown === 'string') return thrown
  return `an unexpected value was thrown (${typeof thrown})`
}
