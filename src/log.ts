import * as core from '@actions/core'
import { scrub } from './secrets.js'

// Everything the action writes goes through here, so that no line, output
// or annotation can hold the key, whatever text it was built from.

export const debug = (message: string) => core.debug(scrub(message))
export const info = (message: string) => core.info(scrub(message))
export const warning = (message: string) => core.warning(scrub(message))

/** Fails the step: an error annotation and exit code 1. */
export const fail = (message: string) => core.setFailed(scrub(message))

export function setOutput(name: string, value: string | number): void {
  core.setOutput(name, scrub(String(value)))
}
