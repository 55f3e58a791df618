/**
 * Loaded into every action run of the fault suite (NODE_OPTIONS=--import):
 * names under .test resolve to 127.0.0.1, loopback names resolve as usual,
 * and every other lookup fails, so that no scenario can reach past this
 * machine, whatever it is configured with.
 */
import dns from 'node:dns'
import { syncBuiltinESMExports } from 'node:module'

const realLookup = dns.lookup
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1'])

function lookupLoopbackOnly(hostname, options, callback) {
  const done = typeof options === 'function' ? options : callback
  const wantsAll = typeof options === 'object' && options?.all === true
  if (hostname.endsWith('.test')) {
    const address = { address: '127.0.0.1', family: 4 }
    if (wantsAll) process.nextTick(done, null, [address])
    else process.nextTick(done, null, address.address, address.family)
    return
  }
  if (LOOPBACK.has(hostname) || hostname.startsWith('127.')) {
    realLookup(hostname, options, callback)
    return
  }
  const refused = new Error(`getaddrinfo ENOTFOUND ${hostname}`)
  refused.code = 'ENOTFOUND'
  refused.hostname = hostname
  process.nextTick(done, refused)
}

dns.lookup = lookupLoopbackOnly
syncBuiltinESMExports()
