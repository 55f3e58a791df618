import { afterEach, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { runAction } from '../../scripts/action-runner.ts'
import {
  DEMO_KEY,
  startSimulator,
  type Simulator,
  type SimulatorOptions
} from '../../simulator/serpwow-simulator.ts'
import { expectCleanRun, spellingsOf } from '../helpers/leaks.js'

// The committed dist/index.js, run by Node 24 as the runner runs it, against
// the simulator on 127.0.0.1.

let simulator: Simulator | undefined
afterEach(async () => {
  await simulator?.close()
  simulator = undefined
})

async function runAgainstSimulator(
  options: SimulatorOptions,
  inputs: Record<string, string> = {}
) {
  simulator = await startSimulator(options)
  const run = await runAction({
    inputs: { 'api-key': DEMO_KEY, 'api-url': simulator.apiUrl, ...inputs },
    env: { RUNNER_DEBUG: '1' },
    timeoutMs: 20_000
  })
  expectCleanRun(run, spellingsOf(inputs['api-key'] ?? DEMO_KEY))
  return run
}

const annotations = (stdout: string, level: string) =>
  stdout.split('\n').filter(line => line.startsWith(`::${level}::`))

test('the bundle runs under Node 24', () => {
  const version = execFileSync(process.execPath, ['--version'], {
    encoding: 'utf8'
  })
  expect(version).toMatch(/^v24\./)
})

describe('the committed bundle, end to end', () => {
  test('stops the queued and running batches', async () => {
    const run = await runAgainstSimulator({
      batches: ['queued', 'running', 'idle', 'queued']
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toEqual({
      'batches-stopped': '3',
      'batches-failed': '0',
      message: '3 Batches stopped'
    })
    expect(simulator?.batches).toEqual(['idle', 'idle', 'idle', 'idle'])
    expect(run.stdout.split('\n')[0]).toBe(`::add-mask::${DEMO_KEY}`)
  })

  test('a second run finds nothing left to stop', async () => {
    simulator = await startSimulator({ batches: ['running'] })
    const inputs = { 'api-key': DEMO_KEY, 'api-url': simulator.apiUrl }
    await runAction({ inputs })
    const second = await runAction({ inputs })
    expect(second.exitCode).toBe(0)
    expect(second.outputs['batches-stopped']).toBe('0')
  })

  test('fails on a batch that would not stop, with both counts', async () => {
    const run = await runAgainstSimulator({
      batches: ['running', 'queued'],
      unstoppable: 1
    })
    expect(run.exitCode).toBe(1)
    expect(run.outputs['batches-stopped']).toBe('1')
    expect(run.outputs['batches-failed']).toBe('1')
    expect(annotations(run.stdout, 'error')).toEqual([
      expect.stringContaining('1 batch failed to stop (1 stopped, 1 failed)')
    ])
  })

  test('only warns of it with fail-on-failed-batches false', async () => {
    const run = await runAgainstSimulator(
      { batches: ['running'], unstoppable: 1 },
      { 'fail-on-failed-batches': 'false' }
    )
    expect(run.exitCode).toBe(0)
    expect(annotations(run.stdout, 'warning')).toHaveLength(1)
  })

  test('a rejected key fails with the API message', async () => {
    const key = 'not+the/right key'.replace(' ', '-')
    const run = await runAgainstSimulator({}, { 'api-key': key })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.message).toBe('Supplied api_key is not valid')
    expect(annotations(run.stdout, 'error')[0]).toContain(
      'SerpWow rejected the API key (HTTP 401'
    )
  })

  test('a bad input sends no request', async () => {
    const run = await runAgainstSimulator({}, { retries: 'lots' })
    expect(run.exitCode).toBe(1)
    expect(simulator?.requests).toEqual([])
    expect(run.outputs.message).toContain("Input 'retries' must be")
  })

  test('a reset before the answer is retried, with a warning', async () => {
    const run = await runAgainstSimulator({
      faults: [{ kind: 'reset' }],
      batches: ['queued']
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['batches-stopped']).toBe('1')
    expect(simulator?.requests).toHaveLength(2)
    expect(annotations(run.stdout, 'warning')[0]).toContain(
      'batches it stopped are not in the counts'
    )
  })

  test('a server that never answers ends the step in time', async () => {
    const run = await runAgainstSimulator(
      { faults: [{ kind: 'hang' }, { kind: 'hang' }] },
      { 'timeout-seconds': '0.5', retries: '1' }
    )
    expect(run.exitCode).toBe(1)
    expect(run.durationMs).toBeLessThan(8_000)
    expect(run.outputs.message).toContain('No complete answer')
  })

  test('stops the collections of an e-commerce product', async () => {
    const run = await runAgainstSimulator(
      { noun: 'collections', batches: ['running', 'queued'] },
      { api: 'bluecart' }
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs['batches-stopped']).toBe('2')
    expect(run.outputs.message).toBe('2 Collections stopped')
    expect(simulator?.requests[0]?.url).toMatch(
      /^\/live\/collections\/stopall\?/
    )
  })

  test('writes the job summary', async () => {
    const run = await runAgainstSimulator({ batches: ['queued'] })
    expect(run.summary).toContain(
      '<h3>✅ Stopped 1 batch, 0 failed to stop</h3>'
    )
    expect(run.summary).toContain('<td>Attempts</td><td>1</td>')
  })

  test('sends the documented request', async () => {
    await runAgainstSimulator({})
    const [request] = simulator?.requests ?? []
    expect(request?.method).toBe('GET')
    expect(request?.url).toBe(`/live/batches/stopall?api_key=${DEMO_KEY}`)
    expect(request?.headers['user-agent']).toMatch(
      /^serpwow-stop-batches-action\/\d+\.\d+\.\d+$/
    )
    expect(request?.headers.accept).toBe('application/json')
  })
})
