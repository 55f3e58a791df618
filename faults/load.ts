/**
 * 20 runs of the action at once against a simulator that admits only a few
 * requests a second and answers the rest 429 with Retry-After: every run
 * must end with its counts, in time, and the retries must spread out.
 */
import { runAction } from '../scripts/action-runner.ts'
import {
  startSimulator,
  type SeenRequest
} from '../simulator/serpwow-simulator.ts'
import type { Verdict } from './scenario.ts'

const RUNS = 20
const REQUESTS_PER_SECOND = 4
const BATCHES = 12
/** The bound every run, and so the whole burst, must end within. */
export const LOAD_BOUND_MS = 60_000
// Runs told the same Retry-After would, with no jitter, all wait the same
// time after it; with jitter, their waits must differ by at least this
// much (a standard deviation).
const MIN_SPREAD_MS = 150

export interface LoadFigures extends Verdict {
  summary: string
}

export async function runLoad(
  env: Record<string, string>
): Promise<LoadFigures> {
  // A key each, so that the simulator can tell the runs apart.
  const keys = Array.from({ length: RUNS }, (_, run) => `load-key-${run}`)
  const simulator = await startSimulator({
    validKeys: keys,
    requestsPerSecond: REQUESTS_PER_SECOND,
    batches: Array.from({ length: BATCHES }, () => 'queued' as const)
  })
  const started = Date.now()
  try {
    const runs = await Promise.all(
      keys.map(key =>
        runAction({
          inputs: {
            'api-key': key,
            'api-url': simulator.apiUrl,
            retries: '10'
          },
          env,
          timeoutMs: LOAD_BOUND_MS
        })
      )
    )
    const elapsed = Date.now() - started
    const problems: string[] = []
    let stopped = 0
    runs.forEach((run, index) => {
      if (run.exitCode !== 0)
        problems.push(`run ${index}: exit ${run.exitCode}`)
      const count = Number(run.outputs['batches-stopped'])
      if (!Number.isInteger(count)) problems.push(`run ${index}: no count`)
      else stopped += count
      if (run.outputs['batches-failed'] !== '0') {
        problems.push(`run ${index}: batches-failed not 0`)
      }
    })
    if (stopped !== BATCHES) {
      problems.push(`the runs counted ${stopped} stopped, not ${BATCHES}`)
    }
    if (elapsed > LOAD_BOUND_MS) problems.push(`took ${elapsed} ms`)
    const waits = waitsAfter429(simulator.requests)
    const spread = standardDeviation(waits)
    if (waits.length < RUNS / 2) {
      problems.push(`only ${waits.length} retries: the rate limit hardly bit`)
    }
    if (spread < MIN_SPREAD_MS) {
      problems.push(
        `the waits after a 429 differ by ${spread.toFixed(0)} ms:` +
          ' the retries did not spread out'
      )
    }
    const summary =
      `${RUNS} runs, ${simulator.requests.length} requests,` +
      ` ${waits.length} retries after a 429;` +
      ` waits ${Math.min(...waits)} to ${Math.max(...waits)} ms` +
      ` (standard deviation ${spread.toFixed(0)} ms, at least` +
      ` ${MIN_SPREAD_MS} due); all done in ${(elapsed / 1000).toFixed(1)} s` +
      ` (bound ${LOAD_BOUND_MS / 1000} s)`
    return { problems, leaks: [], summary }
  } finally {
    await simulator.close()
  }
}

/** For each 429, how long its run waited before it asked again. */
function waitsAfter429(requests: SeenRequest[]): number[] {
  const byRun = new Map<string, SeenRequest[]>()
  for (const request of requests) {
    const key = new URL(request.url, 'http://x').searchParams.get('api_key')
    byRun.set(key ?? '', [...(byRun.get(key ?? '') ?? []), request])
  }
  const waits: number[] = []
  for (const own of byRun.values()) {
    own.forEach((request, index) => {
      const next = own[index + 1]
      if (request.status === 429 && next !== undefined) {
        waits.push(next.at - request.at)
      }
    })
  }
  return waits
}

function standardDeviation(values: number[]): number {
  if (values.length === 0) return 0
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length
  const variance =
    values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length
  return Math.sqrt(variance)
}
