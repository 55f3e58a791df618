/** Batches stopped and failed to stop, as the API counted them. */
export interface StopCounts {
  stopped: number
  failed: number
}

/** What went wrong in one attempt, and what that allows the next one. */
export interface Failure {
  /** One line for the log: what happened, with the API's words if any. */
  reason: string
  /** What the user can do about it, shown once the action gives up. */
  advice: string
  /** Whether trying again may succeed. */
  transient: boolean
  /**
   * Whether the request may have reached the API, which then stopped
   * batches that no answer counted.
   */
  mayHaveReachedApi: boolean
  /** How long the server asked the client to wait, if it said. */
  retryAfterMs?: number
  /** The API's own message, when it gave one. */
  apiMessage?: string
  /** The counts, when the API sent them with a failure. */
  counts?: StopCounts
}

/** A failure that cannot be helped by trying again. */
export function finalFailure(
  reason: string,
  advice: string,
  extra: Partial<Failure> = {}
): Failure {
  return {
    reason,
    advice,
    transient: false,
    mayHaveReachedApi: false,
    ...extra
  }
}
