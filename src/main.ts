import * as log from './log.js'
import { systemClock, type Clock } from './clock.js'
import { errorMessage } from './errors.js'
import { protectKey } from './secrets.js'
import { readApiKey, readSettings, type Settings } from './settings.js'
import { stopAllBatches } from './stop-all.js'
import { failStep, reportResult, type Outcome } from './report.js'
import { writeSummary, type CallFacts } from './summary.js'

/**
 * Stops every queued and running batch. Never throws: whatever goes wrong
 * fails the step with a message that holds no form of the key.
 */
export async function run(clock: Clock = systemClock): Promise<void> {
  const started = clock.now()
  let outcome: Outcome
  let facts: CallFacts | undefined
  try {
    const apiKey = readApiKey()
    // Masked before any other line is written, so no later line can leak.
    protectKey(apiKey)
    const settings = readSettings(apiKey)
    logSettings(settings)
    const result = await stopAllBatches(settings, clock)
    facts = {
      product: settings.product.name,
      host: new URL(settings.apiUrl).host,
      attempts: result.attempts
    }
    outcome = reportResult(result, settings)
  } catch (thrown) {
    const problem = errorMessage(thrown)
    failStep(problem)
    outcome = { state: 'failed', headline: 'The action failed', problem }
  }
  writeSummary(outcome, facts, clock.now() - started)
}

function logSettings(settings: Settings): void {
  log.debug('api-key: *** (masked)')
  log.debug(`api: ${settings.product.name}`)
  log.debug(`api-url: ${settings.apiUrl}`)
  log.debug(`timeout-seconds: ${settings.timeoutMs / 1000}`)
  log.debug(`retries: ${settings.retries}`)
  log.debug(`fail-on-failed-batches: ${settings.failOnFailedBatches}`)
}
