/**
 * HTTPS through a CONNECT proxy, to a TLS server whose certificate comes
 * from the suite's test CA. The API host is a .test name, which only the
 * suite's runs resolve (to 127.0.0.1), so that the proxy is not bypassed
 * as loopback addresses always are.
 */
import type { Scenario } from '../scenario.ts'
import {
  answering,
  connectProxy,
  rawServer,
  TEST_CA,
  TEST_HOST,
  type Running
} from '../servers.ts'

const GOOD = JSON.stringify({
  request_info: { success: true, message: '6 Batches stopped' },
  batches_stopped: 6,
  batches_failed_to_stop: 0
})
const SUCCESS = {
  exitCode: 0 as const,
  counts: { stopped: 6, failed: 0 },
  message: /^6 Batches stopped$/,
  maxMs: 3_000
}
const PASSWORD = 'pr0xy-s3cret:pass'
const UNTRUSTED = {
  exitCode: 1 as const,
  counts: null,
  message: /^The TLS certificate of api\.serpwow\.test:\d+ is not trusted/,
  maxMs: 3_000
}
const CREDENTIALS_REFUSED = {
  exitCode: 1 as const,
  counts: null,
  message: /^The proxy asked for credentials \(HTTP 407\)/,
  maxMs: 3_000
}
const USER = 'builder'

interface ProxyCase {
  name: string
  /** The environment, given the proxy's port. */
  env: (proxyPort: number) => Record<string, string>
  /** Whether the request must go through the proxy. */
  viaProxy: boolean
  credentials?: string
  trustCa?: boolean
  expected?: Scenario['expected']
}

function throughProxy(test: ProxyCase): Scenario {
  return {
    kind: 'proxy',
    name: test.name,
    setup: async () => {
      const api = await answering([{ status: 200, body: GOOD }], true)
      const proxy = await connectProxy({
        targetPort: api.port,
        credentials: test.credentials
      })
      const env = test.env(proxy.port)
      if (test.trustCa !== false) env.NODE_EXTRA_CA_CERTS = TEST_CA
      return {
        apiUrl: `https://${TEST_HOST}:${api.port}/live`,
        servers: [api, proxy],
        env,
        secrets: [PASSWORD],
        verify: () => verifyRoute(test.viaProxy, proxy, api)
      }
    },
    expected: test.expected ?? SUCCESS
  }
}

function verifyRoute(viaProxy: boolean, proxy: Running, api: Running) {
  const tunnelled = proxy.seen.some(line =>
    line.startsWith(`CONNECT ${TEST_HOST}:${api.port}`)
  )
  if (viaProxy && !tunnelled) return ['the proxy was not used']
  if (!viaProxy && proxy.seen.length > 0) return ['the proxy was used']
  return []
}

const proxyUrl = (port: number) => `http://127.0.0.1:${port}`
const withCredentials = (port: number, password = PASSWORD) =>
  `http://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`

const cases: ProxyCase[] = [
  {
    name: 'HTTPS_PROXY',
    env: port => ({ HTTPS_PROXY: proxyUrl(port) }),
    viaProxy: true
  },
  {
    name: 'https_proxy, lower case',
    env: port => ({ https_proxy: proxyUrl(port) }),
    viaProxy: true
  },
  {
    name: 'HTTPS_PROXY with a trailing slash',
    env: port => ({ HTTPS_PROXY: `${proxyUrl(port)}/` }),
    viaProxy: true
  },
  {
    name: 'HTTPS_PROXY with no scheme',
    env: port => ({ HTTPS_PROXY: `127.0.0.1:${port}` }),
    viaProxy: true
  },
  {
    name: 'HTTPS_PROXY as localhost',
    env: port => ({ HTTPS_PROXY: `http://localhost:${port}` }),
    viaProxy: true
  },
  {
    name: 'only HTTP_PROXY set: not used for https',
    env: port => ({ HTTP_PROXY: proxyUrl(port) }),
    viaProxy: false
  },
  {
    name: 'a proxy that demands credentials, given',
    env: port => ({ HTTPS_PROXY: withCredentials(port) }),
    credentials: `${USER}:${PASSWORD}`,
    viaProxy: true
  },
  {
    name: 'a proxy that demands credentials, none given',
    env: port => ({ HTTPS_PROXY: proxyUrl(port) }),
    credentials: `${USER}:${PASSWORD}`,
    viaProxy: true,
    expected: CREDENTIALS_REFUSED
  },
  {
    name: 'a proxy that demands credentials, wrong ones given',
    env: port => ({ HTTPS_PROXY: withCredentials(port, 'wrong-pass') }),
    credentials: `${USER}:${PASSWORD}`,
    viaProxy: true,
    expected: CREDENTIALS_REFUSED
  },
  {
    name: 'NO_PROXY naming the host',
    env: port => ({ HTTPS_PROXY: proxyUrl(port), NO_PROXY: TEST_HOST }),
    viaProxy: false
  },
  {
    name: 'no_proxy, lower case, with a leading dot',
    env: port => ({ https_proxy: proxyUrl(port), no_proxy: '.serpwow.test' }),
    viaProxy: false
  },
  {
    name: 'NO_PROXY as a list with spaces',
    env: port => ({
      HTTPS_PROXY: proxyUrl(port),
      NO_PROXY: 'internal.example, api.serpwow.test ,other.test'
    }),
    viaProxy: false
  },
  {
    name: 'NO_PROXY of another host only',
    env: port => ({ HTTPS_PROXY: proxyUrl(port), NO_PROXY: 'other.test' }),
    viaProxy: true
  },
  {
    name: 'NO_PROXY *',
    env: port => ({ HTTPS_PROXY: proxyUrl(port), NO_PROXY: '*' }),
    viaProxy: false
  },
  {
    name: 'an untrusted certificate is refused, through the proxy',
    env: port => ({ HTTPS_PROXY: proxyUrl(port) }),
    viaProxy: true,
    trustCa: false,
    expected: UNTRUSTED
  },
  {
    name: 'an untrusted certificate is refused, direct',
    env: () => ({}),
    viaProxy: false,
    trustCa: false,
    expected: UNTRUSTED
  },
  { name: 'direct, with the test CA trusted', env: () => ({}), viaProxy: false }
]

const proxyDown: Scenario = {
  kind: 'proxy',
  name: 'a proxy that is down',
  setup: async () => {
    const api = await answering([{ status: 200, body: GOOD }], true)
    const gone = await rawServer(() => undefined)
    await gone.close()
    return {
      apiUrl: `https://${TEST_HOST}:${api.port}/live`,
      servers: [api],
      env: { HTTPS_PROXY: proxyUrl(gone.port), NODE_EXTRA_CA_CERTS: TEST_CA }
    }
  },
  inputs: { retries: '1' },
  expected: {
    exitCode: 1,
    counts: null,
    message: /after 2 attempts/,
    maxMs: 4_000
  }
}

export const proxyScenarios: Scenario[] = [
  ...cases.map(throughProxy),
  proxyDown
]
