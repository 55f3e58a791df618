import * as log from './log.js'
import { systemClock, type Clock } from './clock.js'
import { errorMessage } from './errors.js'
import { protectKey } from './secrets.js'
import { readApiKey, readSettings, type Settings } from './settings.js'
import { stopAllBatches } from './stop-all.js'
import { failStep, reportResult } from './report.js'

/**
 * Stops every queued and running batch. Never throws: whatever goes wrong
 * fails the step with a message that holds no form of the key.
 */
export async function run(clock: Clock = systemClock): Promise<void> {
  try {
    const apiKey = readApiKey()
    // Masked before any other line is written, so no later line can leak.
    protectKey(apiKey)
    const settings = readSettings(apiKey)
    logSettings(settings)
    const result = await stopAllBatches(settings, clock)
    reportResult(result, settings)
  } catch (thrown) {
    failStep(errorMessage(thrown))
  }
}

function logSettings(settings: Settings): void {
  log.debug('api-key: *** (masked)')
  log.debug(`api-url: ${settings.apiUrl}`)
  log.debug(`timeout-seconds: ${settings.timeoutMs / 1000}`)
  log.debug(`retries: ${settings.retries}`)
  log.debug(`fail-on-failed-batches: ${settings.failOnFailedBatches}`)
}
