import * as log from './log.js'
import type { Settings } from './settings.js'
import type { StopCounts } from './failure.js'
import { describeFailure, type StopResult } from './stop-all.js'
import { plural } from './text.js'

const UNCOUNTED_WARNING =
  'An earlier attempt may have reached SerpWow without its answer' +
  ' arriving: batches it stopped are not in the counts.'

/** Sets the outputs and the step's outcome from how the call ended. */
export function reportResult(result: StopResult, settings: Settings): void {
  if (result.uncounted) log.warning(UNCOUNTED_WARNING)
  if (!result.answered) {
    const { failure } = result
    if (failure.counts !== undefined) setCounts(failure.counts)
    failStep(describeFailure(failure, result.attempts), failure.apiMessage)
    return
  }
  const { counts, message } = result.answer
  setCounts(counts)
  log.setOutput('message', message)
  log.info(`${summarise(counts)}. SerpWow said: "${message}"`)
  if (counts.failed === 0) return
  const problem =
    `${plural(counts.failed, 'batch')} failed to stop` +
    ` (${counts.stopped} stopped, ${counts.failed} failed).` +
    ' A running batch that was not stopped keeps spending credits:' +
    ' check it in the SerpWow dashboard.'
  if (settings.failOnFailedBatches) log.fail(problem)
  else log.warning(problem)
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

function summarise(counts: StopCounts): string {
  if (counts.stopped === 0 && counts.failed === 0) {
    return 'No batch was queued or running: nothing to stop'
  }
  return (
    `Stopped ${plural(counts.stopped, 'batch')}` +
    `, ${counts.failed} failed to stop`
  )
}
