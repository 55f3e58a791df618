import * as log from './log.js'
import type { Settings } from './settings.js'
import type { StopCounts } from './failure.js'
import { describeFailure, type StopResult } from './stop-all.js'
import { plural } from './text.js'

/** How the run ended, as the job summary tells it. */
export interface Outcome {
  state: 'stopped' | 'warned' | 'failed'
  /** One line: what happened. */
  headline: string
  counts?: StopCounts
  apiMessage?: string
  /** What failed, and what to do about it, when something did. */
  problem?: string
}

/** Sets the outputs and the step's outcome from how the call ended. */
export function reportResult(result: StopResult, settings: Settings): Outcome {
  const { name, noun } = settings.product
  if (result.uncounted) {
    log.warning(
      `An earlier attempt may have reached ${name} without its answer` +
        ` arriving: ${noun.many} it stopped are not in the counts.`
    )
  }
  if (!result.answered) {
    const { failure } = result
    if (failure.counts !== undefined) setCounts(failure.counts)
    const problem = describeFailure(failure, result.attempts)
    failStep(problem, failure.apiMessage)
    return {
      state: 'failed',
      headline: `Could not stop the ${name} ${noun.many}`,
      counts: failure.counts,
      apiMessage: failure.apiMessage,
      problem
    }
  }
  const { counts, message } = result.answer
  const headline = summarise(counts, settings)
  // Logged first: should the outputs file fail, the log still has it.
  log.info(`${headline}. ${name} said: "${message}"`)
  setCounts(counts)
  log.setOutput('message', message)
  const outcome = { headline, counts, apiMessage: message }
  if (counts.failed === 0) return { ...outcome, state: 'stopped' }
  const problem =
    `${plural(counts.failed, noun.one)} failed to stop` +
    ` (${counts.stopped} stopped, ${counts.failed} failed).` +
    ` A running ${noun.one} that was not stopped keeps spending credits:` +
    ` check it in the ${name} dashboard.`
  if (settings.failOnFailedBatches) log.fail(problem)
  else log.warning(problem)
  return {
    ...outcome,
    state: settings.failOnFailedBatches ? 'failed' : 'warned',
    problem
  }
}

/** Fails the step, with the API's message or the reason as output. */
export function failStep(reason: string, apiMessage?: string): void {
  try {
    log.setOutput('message', apiMessage ?? reason)
  } catch {
    // The outputs file itself is what failed; the annotation says why.
  }
  log.fail(reason)
}

function setCounts(counts: StopCounts): void {
  log.setOutput('batches-stopped', counts.stopped)
  log.setOutput('batches-failed', counts.failed)
}

function summarise(counts: StopCounts, settings: Settings): string {
  const { noun } = settings.product
  if (counts.stopped === 0 && counts.failed === 0) {
    return `No ${noun.one} was queued or running: nothing to stop`
  }
  return (
    `Stopped ${plural(counts.stopped, noun.one)}` +
    `, ${counts.failed} failed to stop`
  )
}
