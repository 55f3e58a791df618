import { expect } from '@jest/globals'
import type { ActionRun } from '../../scripts/action-runner.ts'
import { spellingsOf } from '../../faults/scenario.ts'

export { spellingsOf }

/** Every place of a run's output where a secret stands outside a mask. */
export function leaksOf(run: ActionRun, secrets: string[]): string[] {
  const places = {
    stdout: run.stdout
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n'),
    stderr: run.stderr,
    outputs: JSON.stringify(run.outputs),
    summary: run.summary
  }
  const leaks: string[] = []
  for (const [place, text] of Object.entries(places)) {
    for (const secret of secrets) {
      if (text.includes(secret)) leaks.push(`${place} holds ${secret}`)
    }
  }
  return leaks
}

// "    at run (file:///.../index.js:12:34)", as a stack trace prints.
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m

/** What every run must show: no leak, no stack trace, no hang. */
export function expectCleanRun(run: ActionRun, secrets: string[]): void {
  expect(leaksOf(run, secrets)).toEqual([])
  expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME)
  expect(run.timedOut).toBe(false)
}
