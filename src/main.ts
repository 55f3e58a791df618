import * as core from '@actions/core'
import { systemClock, type Clock } from './clock.js'
import { errorMessage } from './errors.js'
import { protectKey, type Redactor } from './secrets.js'
import { readApiKey, readSettings, type Settings } from './settings.js'
import { stopAllBatches } from './stop-all.js'
import { failStep, reportResult } from './report.js'

/**
 * Stops every queued and running batch. Never throws: whatever goes wrong
 * fails the step with a message that holds no form of the key.
 */
export async function run(clock: Clock = systemClock): Promise<void> {
  let redact: Redactor = text => text
  try {
    const apiKey = readApiKey()
    // Masked before any other line is written, so no later line can leak.
    redact = protectKey(apiKey)
    const settings = readSettings(apiKey)
    logSettings(settings)
    const result = await stopAllBatches(settings, clock)
    reportResult(result, settings, redact)
  } catch (thrown) {
    failStep(errorMessage(thrown), redact)
  }
}

function logSettings(settings: Settings): void {
  core.debug('api-key: *** (masked)')
  core.debug(`api-url: ${settings.apiUrl}`)
  core.debug(`timeout-seconds: ${settings.timeoutMs / 1000}`)
  core.debug(`retries: ${settings.retries}`)
  core.debug(`fail-on-failed-batches: ${settings.failOnFailedBatches}`)
}
