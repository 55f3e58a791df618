import { expect, test } from '@jest/globals'
import { execSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../scripts/action-runner.ts'

const DIST = join(PROJECT_ROOT, 'dist')

test('the committed dist/ is what the bundle script builds now', () => {
  const pkg = JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')
  ) as { scripts: { bundle: string } }
  const fresh = mkdtempSync(join(tmpdir(), 'serpwow-dist-'))
  try {
    // The same command as `npm run bundle`, writing elsewhere.
    const command = pkg.scripts.bundle.replace('--out dist', `--out ${fresh}`)
    expect(command).not.toBe(pkg.scripts.bundle)
    execSync(command, { cwd: PROJECT_ROOT, stdio: 'pipe' })
    const files = readdirSync(fresh).sort()
    expect(readdirSync(DIST).sort()).toEqual(files)
    for (const file of files) {
      const built = readFileSync(join(fresh, file), 'utf8')
      const committed = readFileSync(join(DIST, file), 'utf8')
      // A mismatch names the file: run `npm run bundle` and commit dist/.
      expect({ file, same: built === committed }).toEqual({ file, same: true })
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true })
  }
}, 120_000)
