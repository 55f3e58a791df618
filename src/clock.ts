/** Time and chance, passed in so that tests need not wait for real. */
export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
  /** A number from 0 (inclusive) to 1 (exclusive), as Math.random. */
  random(): number
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
  random: () => Math.random()
}
