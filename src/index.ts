import * as core from '@actions/core'
import { run } from './main.js'

// Last resort for a failure outside run(): its text could hold anything,
// so only a fixed line is shown, and the step still fails.
function failUnexpectedly(): void {
  core.setFailed('The action failed unexpectedly; run it with debug on.')
  process.exit(1)
}
process.on('uncaughtException', failUnexpectedly)
process.on('unhandledRejection', failUnexpectedly)

await run()

// A socket the action no longer needs (a stalled proxy tunnel) must not
// hold the step open; an unref'd timer fires only if something else does.
setTimeout(() => process.exit(), 1000).unref()
