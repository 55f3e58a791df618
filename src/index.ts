import * as core from '@actions/core'
import { errorMessage } from './errors.js'
import { oneLine } from './text.js'
import { run } from './main.js'

// The proxy tunnel bundled with the HTTP client still calls Buffer(); its
// deprecation notice on stderr would only alarm the reader of the log.
process.noDeprecation = true

// Last resort for a failure outside run(): still a clear line, still
// without the key (oneLine redacts), and still a failed step.
function failUnexpectedly(thrown: unknown): void {
  let detail = ''
  try {
    detail = `: ${oneLine(errorMessage(thrown))}`
  } catch {
    // The text could not be made safe to show; the step fails without it.
  }
  core.setFailed(`The action failed unexpectedly${detail}`)
  process.exit(1)
}
process.on('uncaughtException', failUnexpectedly)
process.on('unhandledRejection', failUnexpectedly)

await run()

// A socket the action no longer needs (a stalled proxy tunnel) must not
// hold the step open; an unref'd timer fires only if something else does.
setTimeout(() => process.exit(), 1000).unref()
