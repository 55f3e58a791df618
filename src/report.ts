import * as core from '@actions/core'
import type { Settings } from './settings.js'
import type { Redactor } from './secrets.js'
import type { StopCounts } from './failure.js'
import { describeFailure, type StopResult } from './stop-all.js'
import { plural } from './text.js'

const UNCOUNTED_WARNING =
  'An earlier attempt may have reached SerpWow without its answer' +
  ' arriving: batches it stopped are not in the counts.'

/** Sets the outputs and the step's outcome from how the call ended. */
export function reportResult(
  result: StopResult,
  settings: Settings,
  redact: Redactor
): void {
  if (result.uncounted) core.warning(UNCOUNTED_WARNING)
  if (!result.answered) {
    const { failure } = result
    if (failure.counts !== undefined) setCounts(failure.counts)
    failStep(describeFailure(failure, result.attempts), redact, failure.apiMessage)
    return
  }
  const { counts, message } = result.answer
  setCounts(counts)
  core.setOutput('message', redact(message))
  core.info(redact(`${summarise(counts)}. SerpWow said: "${message}"`))
  if (counts.failed === 0) return
  const problem =
    `${plural(counts.failed, 'batch')} failed to stop` +
    ` (${counts.stopped} stopped, ${counts.failed} failed).` +
    ' A running batch that was not stopped keeps spending credits:' +
    ' check it in the SerpWow dashboard.'
  if (settings.failOnFailedBatches) core.setFailed(redact(problem))
  else core.warning(redact(problem))
}

/** Fails the step, with the reason also in the message output. */
export function failStep(
  reason: string,
  redact: Redactor,
  apiMessage?: string
): void {
  core.setOutput('message', redact(apiMessage ?? reason))
  core.setFailed(redact(reason))
}

function setCounts(counts: StopCounts): void {
  core.setOutput('batches-stopped', counts.stopped)
  core.setOutput('batches-failed', counts.failed)
}

function summarise(counts: StopCounts): string {
  if (counts.stopped === 0 && counts.failed === 0) {
    return 'No batch was queued or running: nothing to stop'
  }
  return `Stopped ${plural(counts.stopped, 'batch')}` +
    `, ${counts.failed} failed to stop`
}
