import { describe, expect, test } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../scripts/action-runner.ts'
import { ACTION_VERSION } from '../src/version.js'

interface ActionYaml {
  description: string
  inputs: Record<string, { required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

const action = parse(
  readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')
) as ActionYaml
const sources = readdirSync(join(PROJECT_ROOT, 'src'))
  .filter(name => name.endsWith('.ts'))
  .map(name => readFileSync(join(PROJECT_ROOT, 'src', name), 'utf8'))
  .join('\n')

/** The first string argument of every call to one of `functions`. */
function namesPassedTo(functions: string[]): string[] {
  const call = new RegExp(`\\b(?:${functions.join('|')})\\(\\s*'([^']+)'`, 'g')
  return [...new Set([...sources.matchAll(call)].map(match => match[1] ?? ''))]
}

describe('action.yml and the code agree', () => {
  test('every input read is declared, and every declared one read', () => {
    const read = namesPassedTo(['getInput', 'getBooleanInput', 'readBoolean'])
    expect(read.sort()).toEqual(Object.keys(action.inputs).sort())
  })

  test('every output set is declared, and every declared one set', () => {
    const set = namesPassedTo(['setOutput'])
    expect(set.sort()).toEqual(Object.keys(action.outputs).sort())
  })

  test('only api-key is required, and it has no default', () => {
    const required = Object.entries(action.inputs)
      .filter(([, input]) => input.required === true)
      .map(([name]) => name)
    expect(required).toEqual(['api-key'])
    expect(action.inputs['api-key']?.default).toBeUndefined()
  })

  test('runs the bundle on node24, under a short description', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(action.description.length).toBeLessThan(125)
  })

  test('the User-Agent version is the package version', () => {
    const pkg = JSON.parse(
      readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')
    ) as { version: string }
    expect(ACTION_VERSION).toBe(pkg.version)
  })
})
