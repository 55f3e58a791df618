/**
 * Runs the committed bundle the way a GitHub runner does: a Node 24 process
 * with INPUT_* variables (action.yml's defaults, then the given inputs), and
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files that are read back after.
 *
 * Shared by the run command and the end-to-end tests. No relative imports,
 * so that Node runs it as it is.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const PROJECT_ROOT = resolve(fileURLToPath(import.meta.url), '../..')
export const BUNDLE = join(PROJECT_ROOT, 'dist', 'index.js')

export interface ActionRun {
  /** The process's exit code; null when it had to be killed. */
  exitCode: number | null
  /** Whether the run outlived its time limit and was killed. */
  timedOut: boolean
  stdout: string
  stderr: string
  /** Outputs from GITHUB_OUTPUT, by name. */
  outputs: Record<string, string>
  /** What the action wrote to GITHUB_STEP_SUMMARY. */
  summary: string
  durationMs: number
}

export interface RunOptions {
  /** Inputs by their action.yml names; they override the defaults. */
  inputs: Record<string, string>
  /** More environment, such as RUNNER_DEBUG or a proxy. */
  env?: Record<string, string>
  /** Killed after this long. */
  timeoutMs?: number
  /** The Node that runs the bundle; this one unless said. */
  node?: string
}

interface ActionYaml {
  inputs?: Record<string, { default?: string | number | boolean }>
}

/** The defaults action.yml declares, by input name. */
export async function actionDefaults(): Promise<Record<string, string>> {
  const text = await readFile(join(PROJECT_ROOT, 'action.yml'), 'utf8')
  const action = parse(text) as ActionYaml
  const defaults: Record<string, string> = {}
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    if (input.default !== undefined) defaults[name] = String(input.default)
  }
  return defaults
}

/** The variable a runner sets for an input: INPUT_API-KEY for api-key. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

// The runner's environment is the job's; a proxy or debug switch of the
// machine running the tests must not leak into a test's run.
const INHERITED = ['PATH', 'HOME', 'LANG', 'SYSTEMROOT', 'TMPDIR']

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const workDir = await mkdtemp(join(tmpdir(), 'serpwow-action-'))
  const outputFile = join(workDir, 'output')
  const summaryFile = join(workDir, 'summary')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  const env: Record<string, string> = {}
  for (const name of INHERITED) {
    const value = process.env[name]
    if (value !== undefined) env[name] = value
  }
  const inputs = { ...(await actionDefaults()), ...options.inputs }
  for (const [name, value] of Object.entries(inputs)) {
    env[inputVariable(name)] = value
  }
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: workDir,
    ...options.env
  })
  try {
    const ran = await spawnBundle(
      options.node ?? process.execPath,
      env,
      options.timeoutMs ?? 60_000
    )
    return {
      ...ran,
      outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
      summary: await readFile(summaryFile, 'utf8')
    }
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
}

function spawnBundle(
  node: string,
  env: Record<string, string>,
  timeoutMs: number
) {
  const started = Date.now()
  return new Promise<Omit<ActionRun, 'outputs' | 'summary'>>(done => {
    const child = spawn(node, [BUNDLE], { env, cwd: PROJECT_ROOT })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.on('close', code => {
      clearTimeout(timer)
      done({
        exitCode: code,
        timedOut,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        durationMs: Date.now() - started
      })
    })
  })
}

/** Reads GITHUB_OUTPUT's `name<<DELIMITER ... DELIMITER` records. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (match === null) continue
    const [, name = '', delimiter] = match
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) {
      value.push(lines[i] ?? '')
    }
    outputs[name] = value.join('\n')
  }
  return outputs
}

const ADD_MASK = /^::add-mask::(.*)$/gm

/**
 * Hides what the action asked to mask, as the runner does before a line
 * reaches the log: the values of the add-mask commands in `commands`.
 */
export function maskLikeRunner(log: string, commands = log): string {
  const secrets = [...commands.matchAll(ADD_MASK)]
    .map(match => unescapeCommandValue(match[1] ?? ''))
    .filter(secret => secret !== '')
    .sort((a, b) => b.length - a.length)
  let masked = log
  for (const secret of secrets) masked = masked.split(secret).join('***')
  return masked
}

/** A command's value as the runner reads it: %25, %0D, %0A undone. */
export function unescapeCommandValue(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}
