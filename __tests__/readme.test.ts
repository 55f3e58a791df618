import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../scripts/action-runner.ts'
import { PRODUCTS } from '../src/products.js'

interface ActionYaml {
  inputs: Record<string, { required?: boolean; default?: string }>
  outputs: Record<string, unknown>
}

const action = parse(
  readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')
) as ActionYaml
const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')

/** The rows of the first table under a heading, as trimmed cells. */
function tableUnder(heading: string): string[][] {
  const start = readme.indexOf(`\n## ${heading}\n`)
  expect(start).toBeGreaterThan(-1)
  const section = readme.slice(start).split('\n## ')[1] ?? ''
  return section
    .split('\n')
    .filter(line => line.startsWith('|'))
    .slice(2)
    .map(line =>
      line
        .slice(1, -1)
        .split('|')
        .map(cell => cell.trim())
    )
}

const unquote = (cell: string) => cell.replace(/^`(.*)`$/, '$1')

describe('the README agrees with action.yml', () => {
  test('on the inputs: names, required flags and defaults', () => {
    const rows = tableUnder('Inputs').map(([name = '', required, fallback]) => [
      unquote(name),
      required,
      unquote(fallback ?? '')
    ])
    const declared = Object.entries(action.inputs).map(([name, input]) => [
      name,
      input.required === true ? 'yes' : 'no',
      input.default ?? ''
    ])
    expect(rows).toEqual(declared)
  })

  test('on the outputs', () => {
    const names = tableUnder('Outputs').map(([name = '']) => unquote(name))
    expect(names).toEqual(Object.keys(action.outputs))
  })

  test('on the products and their addresses', () => {
    const rows = tableUnder('The products').map(
      ([id = '', name, noun, url = '']) => [
        unquote(id),
        name,
        noun,
        unquote(url)
      ]
    )
    const known = Object.entries(PRODUCTS).map(([id, product]) => [
      id,
      product.name,
      product.noun.many,
      product.baseUrl
    ])
    expect(rows).toEqual(known)
  })
})
