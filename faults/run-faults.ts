/**
 * The fault suite: runs the committed bundle under Node 24, as a runner
 * does, against local servers that fail in every way a network, CDN, proxy
 * or API can, with debug logging on. Prints one line a scenario and closes
 * with its figures; exits 1 on any failed check or leak.
 *
 * `npm run faults`, or `npm run faults -- WORDS` for the scenarios whose
 * kind and name ("proxy: NO_PROXY *") hold WORDS; none is an error.
 */
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import { PROJECT_ROOT, runAction } from '../scripts/action-runner.ts'
import { FAULT_KEY, judge, type Scenario, type Verdict } from './scenario.ts'
import { connectionScenarios } from './catalogue/connection.ts'
import { httpScenarios } from './catalogue/http.ts'
import { bodyScenarios } from './catalogue/bodies.ts'
import { inputScenarios } from './catalogue/inputs.ts'
import { proxyScenarios } from './catalogue/proxies.ts'
import { echoScenarios } from './catalogue/echoes.ts'
import { LOAD_BOUND_MS, runLoad } from './load.ts'

const ALL: Scenario[] = [
  ...connectionScenarios,
  ...httpScenarios,
  ...bodyScenarios,
  ...echoScenarios,
  ...inputScenarios,
  ...proxyScenarios
]
// Runs that mostly wait on timers; more at once would make the bounds
// measure the machine rather than the action.
const AT_ONCE = 4

const GUARD = pathToFileURL(join(PROJECT_ROOT, 'faults', 'loopback-only.mjs'))
const BASE_ENV = {
  RUNNER_DEBUG: '1',
  NODE_OPTIONS: `--import=${GUARD.href}`
}

async function declaredOutputs(): Promise<string[]> {
  const text = await readFile(join(PROJECT_ROOT, 'action.yml'), 'utf8')
  const action = parse(text) as { outputs: Record<string, unknown> }
  return Object.keys(action.outputs)
}

async function runScenario(
  scenario: Scenario,
  outputs: string[]
): Promise<Verdict & { ms: number; exitCode: number | null }> {
  const setup = await scenario.setup()
  const key = scenario.key ?? FAULT_KEY
  try {
    const run = await runAction({
      inputs: { 'api-key': key, 'api-url': setup.apiUrl, ...scenario.inputs },
      env: { ...BASE_ENV, ...setup.env },
      timeoutMs: scenario.expected.maxMs + 10_000
    })
    const verdict = judge(
      run,
      scenario.expected,
      [key, ...(setup.secrets ?? [])],
      outputs
    )
    verdict.problems.push(...(setup.verify?.() ?? []))
    return { ...verdict, ms: run.durationMs, exitCode: run.exitCode }
  } finally {
    await Promise.all(setup.servers.map(server => server.close()))
  }
}

function line(ok: boolean, label: string, detail: string): string {
  return `${ok ? 'ok  ' : 'FAIL'} ${label.padEnd(72)} ${detail}`
}

const LOAD_LABEL = 'load: 20 runs at once against a rate limit'

async function main(): Promise<number> {
  const words = process.argv.slice(2).join(' ').toLowerCase()
  const picked = (label: string) =>
    words === '' || label.toLowerCase().includes(words)
  const chosen = ALL.filter(scenario =>
    picked(`${scenario.kind}: ${scenario.name}`)
  )
  const withLoad = picked(LOAD_LABEL)
  if (chosen.length === 0 && !withLoad) {
    console.log(`No scenario's kind or name holds "${words}".`)
    return 1
  }
  const outputs = await declaredOutputs()
  let passed = 0
  let failed = 0
  let leaks = 0
  const queue = [...chosen]
  async function worker(): Promise<void> {
    for (let scenario = queue.shift(); scenario; scenario = queue.shift()) {
      const verdict = await runScenario(scenario, outputs)
      const ok = verdict.problems.length === 0 && verdict.leaks.length === 0
      leaks += verdict.leaks.length
      if (ok) passed++
      else failed++
      const bound = (scenario.expected.maxMs / 1000).toFixed(0)
      console.log(
        line(
          ok,
          `${scenario.kind}: ${scenario.name}`,
          `exit ${verdict.exitCode}, ${(verdict.ms / 1000).toFixed(1)} s` +
            ` of ${bound} s`
        )
      )
      for (const problem of [...verdict.problems, ...verdict.leaks]) {
        console.log(`       - ${problem}`)
      }
    }
  }
  await Promise.all(Array.from({ length: AT_ONCE }, worker))

  if (withLoad) {
    const load = await runLoad(BASE_ENV)
    const ok = load.problems.length === 0
    if (ok) passed++
    else failed++
    console.log(line(ok, LOAD_LABEL, `bound ${LOAD_BOUND_MS / 1000} s`))
    console.log(`       ${load.summary}`)
    for (const problem of load.problems) console.log(`       - ${problem}`)
  }

  const run = passed + failed
  console.log(
    `\nscenarios run: ${run}, passed: ${passed}, leaks found: ${leaks}`
  )
  console.log(`faults: ${passed} passed, ${failed} failed`)
  return failed === 0 && leaks === 0 ? 0 : 1
}

process.exitCode = await main()
