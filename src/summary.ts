import { appendFileSync } from 'node:fs'
import { EOL } from 'node:os'
import * as core from '@actions/core'
import * as log from './log.js'
import type { Outcome } from './report.js'
import { errorMessage } from './errors.js'
import { scrub } from './secrets.js'
import { oneLine } from './text.js'

/** Where and how the call was made; absent when the inputs were bad. */
export interface CallFacts {
  product: string
  host: string
  attempts: number
}

const ICONS: Record<Outcome['state'], string> = {
  stopped: '✅',
  warned: '⚠️',
  failed: '❌'
}

/**
 * Writes the run's outcome to the job summary, where people look first.
 * Summary text is HTML: what came from outside is escaped, and redacted.
 */
export function writeSummary(
  outcome: Outcome,
  facts: CallFacts | undefined,
  durationMs: number
): void {
  // Outside a runner (a local run) there is no summary file to write.
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) return
  const rows: [string, string][] = []
  if (outcome.counts !== undefined) {
    rows.push(['Stopped', String(outcome.counts.stopped)])
    rows.push(['Failed to stop', String(outcome.counts.failed)])
  }
  if (outcome.apiMessage !== undefined) {
    rows.push(['API message', outcome.apiMessage])
  }
  if (facts !== undefined) {
    rows.push(['API', `${facts.product} (${facts.host})`])
    rows.push(['Attempts', String(facts.attempts)])
  }
  rows.push([
    'Duration',
    durationMs < 1000
      ? `${Math.round(durationMs)} ms`
      : `${(durationMs / 1000).toFixed(1)} s`
  ])
  const summary = core.summary
    .addHeading(`${ICONS[outcome.state]} ${safe(outcome.headline)}`, 3)
    .addTable(rows.map(([label, value]) => [label, safe(value)]))
  if (outcome.problem !== undefined) summary.addRaw(safe(outcome.problem), true)
  try {
    // Appended synchronously: summary.write() goes through the libuv
    // thread pool, whose start alone costs a run several milliseconds.
    appendFileSync(file, summary.stringify() + EOL)
  } catch (thrown) {
    log.warning(
      `Could not write the job summary: ${oneLine(errorMessage(thrown))}`
    )
  } finally {
    summary.emptyBuffer()
  }
}

function safe(text: string): string {
  return scrub(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}
