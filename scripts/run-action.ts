/**
 * `npm start`: runs the committed bundle as a runner would and prints its
 * outputs. Without SERPWOW_API_KEY it talks to the local simulator; with
 * it, to the real API, which then stops the account's batches.
 */
import { DEMO_KEY, startSimulator } from '../simulator/serpwow-simulator.ts'
import { maskLikeRunner, runAction } from './action-runner.ts'

const realKey = process.env.SERPWOW_API_KEY?.trim() ?? ''
const simulator = realKey === '' ? await startSimulator() : undefined

const inputs: Record<string, string> = {}
if (simulator === undefined) {
  inputs['api-key'] = realKey
  console.log(
    'SERPWOW_API_KEY is set: running against the real SerpWow API.' +
      ' This stops every queued and running batch of that account.'
  )
} else {
  inputs['api-key'] = DEMO_KEY
  inputs['api-url'] = simulator.apiUrl
  console.log(
    'SERPWOW_API_KEY is not set: running against the local SerpWow' +
      ` simulator at ${simulator.apiUrl}. Nothing real is stopped.`
  )
}

// A runner hands the action the job's network settings; so does this.
const NETWORK = [
  'HTTPS_PROXY',
  'https_proxy',
  'NO_PROXY',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS'
]
const network = Object.fromEntries(
  NETWORK.flatMap(name => {
    const value = process.env[name]
    return value === undefined ? [] : [[name, value]]
  })
)

const run = await runAction({
  inputs,
  env: simulator === undefined ? network : {},
  // Four attempts of 30 s and three waits of 61 s at the most, and a margin.
  timeoutMs: 330_000
})
await simulator?.close()

// No runner stands between the action and this terminal: mask as it would.
process.stdout.write(maskLikeRunner(run.stdout))
process.stderr.write(maskLikeRunner(run.stderr, run.stdout))
console.log(`\nThe action ended with exit code ${run.exitCode}. Its outputs:`)
for (const [name, value] of Object.entries(run.outputs)) {
  console.log(`  ${name}: ${value}`)
}
process.exitCode = run.exitCode ?? 1
console.log('\nThe job summary it wrote (HTML, as a runner renders it):')
console.log(maskLikeRunner(run.summary, run.stdout).trim())
