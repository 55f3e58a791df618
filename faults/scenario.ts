/**
 * What a fault scenario is, and the checks every run of one must pass.
 */
import type { ActionRun } from '../scripts/action-runner.ts'
import type { Running } from './servers.ts'

/** What the step must end with. */
export interface Expected {
  exitCode: 0 | 1
  /** The counts the step must set, or null when it must set none. */
  counts: { stopped: number; failed: number } | null
  /** What the message output must say; it is set on every run. */
  message: RegExp
  /** The longest the step may take, in ms. */
  maxMs: number
  /** A line the log must hold, such as an annotation. */
  logs?: RegExp
}

/** The servers and settings one scenario runs against. */
export interface Setup {
  apiUrl: string
  servers: Running[]
  env?: Record<string, string>
  /** Secrets besides the key that must never be printed. */
  secrets?: string[]
  /** Problems that only the scenario's servers can see. */
  verify?: () => string[]
}

export interface Scenario {
  kind: 'connection' | 'http' | 'body' | 'input' | 'proxy'
  name: string
  setup: () => Promise<Setup>
  /** Inputs over action.yml's defaults; api-url comes from the setup. */
  inputs?: Record<string, string>
  /** The key to run with; one that needs URL-encoding when not said. */
  key?: string
  expected: Expected
}

/** Needs encoding in a query, so a leak of any spelling would show. */
export const FAULT_KEY = 'fault+key/with=odd&chars%41'

/** The spellings of a secret that a leak could take. */
export function spellingsOf(secret: string): string[] {
  const encoded = encodeURIComponent(secret)
  return [
    ...new Set([
      secret,
      encoded,
      new URL(`https://h/?k=${encoded}`).search.slice(3),
      new URLSearchParams({ k: secret }).toString().slice(2)
    ])
  ]
}

// "    at run (file:///.../index.js:12:34)", as a stack trace prints.
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m
const COMMAND = /^::([a-z-]+)/

export interface Verdict {
  problems: string[]
  leaks: string[]
}

/** Every check of the suite, on one run. */
export function judge(
  run: ActionRun,
  expected: Expected,
  secrets: string[],
  declaredOutputs: string[]
): Verdict {
  const problems: string[] = []
  const stdoutLines = run.stdout.split('\n')
  if (run.timedOut) problems.push('killed: the step did not end')
  if (run.exitCode !== expected.exitCode) {
    problems.push(`exit code ${run.exitCode}, not ${expected.exitCode}`)
  }
  if (run.durationMs > expected.maxMs) {
    problems.push(`took ${run.durationMs} ms, over ${expected.maxMs} ms`)
  }
  problems.push(...checkOutputs(run.outputs, expected, declaredOutputs))
  // Every run, however it ends, tells its outcome where people look.
  if (!/^<h3>/.test(run.summary)) problems.push('no job summary written')
  if (STACK_FRAME.test(run.stdout + run.stderr)) {
    problems.push('a stack trace reached the log')
  }
  if (expected.logs !== undefined && !expected.logs.test(run.stdout)) {
    problems.push(`no log line matches ${expected.logs}`)
  }
  // Masking must come first: no other line may come before a mask.
  const firstOther = stdoutLines.findIndex(
    line => !line.startsWith('::add-mask::')
  )
  const lastMask = stdoutLines.findLastIndex(line =>
    line.startsWith('::add-mask::')
  )
  if (lastMask > firstOther && firstOther !== -1) {
    problems.push('a line was written before the key was masked')
  }
  for (const line of stdoutLines) {
    const command = COMMAND.exec(line)?.[1]
    if (command !== undefined && !KNOWN_COMMANDS.has(command)) {
      problems.push(`an unexpected workflow command: ${line.slice(0, 60)}`)
    }
  }
  return { problems, leaks: leaksOf(run, secrets) }
}

const KNOWN_COMMANDS = new Set(['add-mask', 'debug', 'error', 'warning'])

function checkOutputs(
  outputs: Record<string, string>,
  expected: Expected,
  declared: string[]
): string[] {
  const problems: string[] = []
  for (const name of Object.keys(outputs)) {
    if (!declared.includes(name)) problems.push(`undeclared output ${name}`)
  }
  const counts = {
    stopped: outputs['batches-stopped'],
    failed: outputs['batches-failed']
  }
  const want = expected.counts
  if (want === null && (counts.stopped ?? counts.failed) !== undefined) {
    problems.push(`counts set (${counts.stopped}/${counts.failed}), none due`)
  }
  if (
    want !== null &&
    (counts.stopped !== String(want.stopped) ||
      counts.failed !== String(want.failed))
  ) {
    problems.push(
      `counts ${counts.stopped}/${counts.failed},` +
        ` not ${want.stopped}/${want.failed}`
    )
  }
  const message = outputs.message
  if (message === undefined) problems.push('no message output')
  else if (!expected.message.test(message)) {
    problems.push(`message "${message.slice(0, 120)}" !~ ${expected.message}`)
  }
  return problems
}

/** Where a secret, in any spelling, stands outside a masking command. */
function leaksOf(run: ActionRun, secrets: string[]): string[] {
  const places: Record<string, string> = {
    stdout: run.stdout
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n'),
    stderr: run.stderr,
    outputs: Object.values(run.outputs).join('\n'),
    summary: run.summary
  }
  const leaks: string[] = []
  const real = secrets.filter(secret => secret.trim() !== '')
  for (const secret of real.flatMap(spellingsOf)) {
    for (const [place, text] of Object.entries(places)) {
      if (text.includes(secret)) leaks.push(`${place} holds a secret`)
    }
  }
  for (const secret of real) {
    for (const [place, text] of Object.entries(places)) {
      if (holdsRunOf(secret, text)) leaks.push(`${place} holds part of one`)
    }
  }
  return leaks
}

/**
 * A check of its own, apart from the action's: 8 letters or digits of the
 * secret in a row, once the text is decoded as far as a reader might and
 * stripped of everything but letters and digits.
 */
function holdsRunOf(secret: string, text: string): boolean {
  const letters = (value: string) =>
    value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
  const wanted = letters(secret.normalize('NFC'))
  if (wanted.length < 8) return false
  const decoded = letters(readAsDecoded(text).normalize('NFC'))
  for (let start = 0; start + 8 <= wanted.length; start++) {
    if (decoded.includes(wanted.slice(start, start + 8))) return true
  }
  return false
}

function readAsDecoded(text: string): string {
  let decoded = text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) =>
      String.fromCodePoint(parseInt(hex, 16) % 0x110000)
    )
    .replace(/&#(\d+);/g, (_, digits: string) =>
      String.fromCodePoint(Number(digits) % 0x110000)
    )
    .replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16))
    )
  for (let pass = 0; pass < 2; pass++) {
    decoded = decoded.replace(/(%[0-9a-f]{2})+/gi, run => {
      try {
        return decodeURIComponent(run)
      } catch {
        return run
      }
    })
  }
  return decoded
}
