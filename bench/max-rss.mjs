/**
 * Preloaded (NODE_OPTIONS=--import) into the memory runs of the benchmark
 * only, never the timed ones: writes the process's peak resident memory,
 * in KiB, to the file named by BENCH_RSS_FILE as it exits.
 */
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  const file = process.env.BENCH_RSS_FILE
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS))
})
