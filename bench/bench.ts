/**
 * `npm run bench`: times whole successful runs of dist/index.js under Node
 * 24 against the local simulator, next to two baselines timed in the same
 * run, interleaved: `node -e 0`, and the smallest program built the same
 * way from the same two libraries that makes the same GET. Prints the
 * medians, the ratios, peak memory and bundle sizes.
 *
 * `npm run bench -- 50` for 50 runs of each (20 unless said).
 */
import { execSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BUNDLE, PROJECT_ROOT } from '../scripts/action-runner.ts'
import { DEMO_KEY, startSimulator } from '../simulator/serpwow-simulator.ts'

const RUNS = Number(process.argv[2] ?? 20)
/** The action should cost at most this much over the smallest program. */
const TARGET_RATIO = 1.1

interface Contender {
  name: string
  args: string[]
}

/** Builds the baseline program with ncc, as `npm run bundle` builds dist. */
function buildMinimal(outDir: string): string {
  execSync(
    `ncc build bench/minimal.ts --out ${outDir} --target es2022 --quiet`,
    { cwd: PROJECT_ROOT, stdio: 'pipe' }
  )
  return join(outDir, 'index.js')
}

/** One run: the wall time from spawn to exit, in ms. */
function timeOnce(
  contender: Contender,
  env: Record<string, string>
): Promise<number> {
  const started = process.hrtime.bigint()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, contender.args, {
      env,
      stdio: 'ignore'
    })
    child.on('error', reject)
    child.on('exit', code => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (code === 0) resolve(ms)
      else reject(new Error(`${contender.name} exited with ${code}`))
    })
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'serpwow-bench-'))
  const simulator = await startSimulator()
  try {
    const minimal = buildMinimal(join(scratch, 'minimal'))
    const outputFile = join(scratch, 'output')
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      'INPUT_API-KEY': DEMO_KEY,
      'INPUT_API-URL': simulator.apiUrl,
      INPUT_API: 'serpwow',
      'INPUT_TIMEOUT-SECONDS': '30',
      INPUT_RETRIES: '3',
      'INPUT_FAIL-ON-FAILED-BATCHES': 'true',
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: join(scratch, 'summary')
    }
    execSync(`touch ${outputFile} ${env.GITHUB_STEP_SUMMARY ?? ''}`)
    const contenders: Contender[] = [
      { name: 'node -e 0', args: ['-e', '0'] },
      { name: 'smallest program', args: [minimal] },
      { name: 'the action', args: [BUNDLE] }
    ]
    const times = new Map(contenders.map(c => [c.name, [] as number[]]))
    // A warm-up of each, then the runs interleaved, so that whatever else
    // the machine does falls on all three alike.
    for (const contender of contenders) await timeOnce(contender, env)
    for (let run = 0; run < RUNS; run++) {
      for (const contender of contenders) {
        times.get(contender.name)?.push(await timeOnce(contender, env))
      }
    }
    const peaks = new Map<string, number>()
    for (const contender of contenders) {
      const rssFile = join(scratch, 'rss')
      const guard = pathToFileURL(join(PROJECT_ROOT, 'bench', 'max-rss.mjs'))
      await timeOnce(contender, {
        ...env,
        NODE_OPTIONS: `--import=${guard.href}`,
        BENCH_RSS_FILE: rssFile
      })
      peaks.set(contender.name, Number(readFileSync(rssFile, 'utf8')) / 1024)
    }
    report(contenders, times, peaks, minimal)
  } finally {
    await simulator.close()
    rmSync(scratch, { recursive: true, force: true })
  }
}

function report(
  contenders: Contender[],
  times: Map<string, number[]>,
  peaks: Map<string, number>,
  minimal: string
): void {
  const medians = new Map(
    contenders.map(c => [c.name, median(times.get(c.name) ?? [])])
  )
  const action = medians.get('the action') ?? 0
  const smallest = medians.get('smallest program') ?? 0
  const bare = medians.get('node -e 0') ?? 0
  console.log(`${process.version}, ${RUNS} runs each, interleaved`)
  for (const contender of contenders) {
    const ms = medians.get(contender.name) ?? 0
    const peak = peaks.get(contender.name) ?? 0
    console.log(
      `  ${contender.name.padEnd(18)} median ${ms.toFixed(1).padStart(6)} ms` +
        `   peak memory ${peak.toFixed(1).padStart(5)} MiB`
    )
  }
  const ratio = action / smallest
  console.log(`  the action / smallest program: ${ratio.toFixed(3)}x`)
  console.log(`  the action / node -e 0:        ${(action / bare).toFixed(3)}x`)
  const kib = (file: string) => (statSync(file).size / 1024).toFixed(0)
  console.log(
    `  bundle: dist/index.js ${kib(BUNDLE)} KiB,` +
      ` smallest program ${kib(minimal)} KiB`
  )
  console.log(
    `  target: within ${TARGET_RATIO}x of the smallest program:` +
      ` ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'}`
  )
}

await main()
