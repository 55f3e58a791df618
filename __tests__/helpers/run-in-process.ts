import { jest } from '@jest/globals'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../../src/main.js'
import type { Clock } from '../../src/clock.js'
import {
  actionDefaults,
  inputVariable,
  parseOutputFile
} from '../../scripts/action-runner.ts'

/** What one in-process run of the action left behind. */
export interface InProcessRun {
  /** Every line written to stdout, workflow commands included. */
  lines: string[]
  outputs: Record<string, string>
  /** What the action wrote to the job summary. */
  summary: string
  /** 1 when the step failed, as the runner would see it. */
  exitCode: number
  /** The waits the action asked for between attempts, in ms. */
  waits: number[]
}

// One for the whole process: core.summary keeps the first path it is given.
const SUMMARY_FILE = join(tmpdir(), `serpwow-unit-summary-${process.pid}`)

const PROXY_VARIABLES = [
  'http_proxy',
  'HTTP_PROXY',
  'https_proxy',
  'HTTPS_PROXY',
  'no_proxy',
  'NO_PROXY'
]

/** The exit code the action set, as the process would end with it. */
function exitCodeSet(): number {
  return Number(process.exitCode ?? 0)
}

/**
 * Runs run() with the given inputs over action.yml's defaults, with a clock
 * that records waits instead of making them, and captures what it wrote.
 */
export interface RunOptions {
  /** The clock's chance: 0.5 unless said, 0 leaves out the jitter. */
  random?: () => number
  /** More environment, over what a runner sets. */
  env?: Record<string, string>
  /** Puts a folder where the summary file should be. */
  unwritableSummary?: boolean
}

export async function runInProcess(
  inputs: Record<string, string>,
  { random = () => 0.5, env = {}, unwritableSummary = false }: RunOptions = {}
): Promise<InProcessRun> {
  const saved = { ...process.env }
  const dir = mkdtempSync(join(tmpdir(), 'serpwow-unit-'))
  const outputFile = join(dir, 'output')
  writeFileSync(outputFile, '')
  rmSync(SUMMARY_FILE, { recursive: true, force: true })
  if (unwritableSummary) mkdirSync(SUMMARY_FILE)
  else writeFileSync(SUMMARY_FILE, '')
  process.env = Object.fromEntries(
    Object.entries(saved).filter(([name]) => !PROXY_VARIABLES.includes(name))
  )
  for (const [name, value] of Object.entries({
    ...(await actionDefaults()),
    ...inputs
  })) {
    process.env[inputVariable(name)] = value
  }
  process.env.GITHUB_OUTPUT = outputFile
  process.env.GITHUB_STEP_SUMMARY = SUMMARY_FILE
  Object.assign(process.env, env)
  const waits: number[] = []
  const clock: Clock = {
    now: () => Date.now(),
    sleep: ms => {
      waits.push(ms)
      return Promise.resolve()
    },
    random
  }
  const lines: string[] = []
  const write = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split(/\r?\n/).filter(Boolean))
      return true
    })
  process.exitCode = undefined
  try {
    await run(clock)
    return {
      lines,
      outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
      summary: unwritableSummary ? '' : readFileSync(SUMMARY_FILE, 'utf8'),
      exitCode: exitCodeSet(),
      waits
    }
  } finally {
    write.mockRestore()
    process.exitCode = undefined
    process.env = saved
    rmSync(dir, { recursive: true, force: true })
  }
}
