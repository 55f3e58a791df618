/**
 * A local stand-in for the SerpWow Batches API: enough of the stop-all call
 * to run the action end to end, plus switches that make it misbehave the
 * ways a real API, CDN or network can. It listens on 127.0.0.1 only.
 *
 * Run it on its own with `node simulator/serpwow-simulator.ts [port]`.
 * This file has no relative imports, so Node runs it as it is.
 */
import {
  createServer,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type BatchStatus = 'idle' | 'queued' | 'running'

/** One way to answer a request instead of the normal answer. */
export type Fault =
  /** Answer this status, body and headers. */
  | { kind: 'status'; status: number; body?: string; headers?: Headers }
  /** Close the connection before any answer. */
  | { kind: 'reset' }
  /** Accept the request and never answer. */
  | { kind: 'hang' }
  /** Send the headers and part of the normal body, then stall. */
  | { kind: 'stall-body' }
  /** Send the normal body one byte every `intervalMs`. */
  | { kind: 'trickle'; intervalMs: number }
  /** Send part of the normal body (announced whole), then close. */
  | { kind: 'cut-body' }

type Headers = Record<string, string>

export interface SimulatorOptions {
  /** Keys the simulator accepts; any other gets the API's 401. */
  validKeys?: string[]
  /** The account's batches, by status. */
  batches?: BatchStatus[]
  /** How many queued or running batches refuse to stop. */
  unstoppable?: number
  /** Answers given to the next requests, one each, before normal ones. */
  faults?: Fault[]
  /** Requests admitted a second; the rest get 429 (rate-limit tests). */
  requestsPerSecond?: number
  /** The e-commerce products say collections: in the path and counts. */
  noun?: 'batches' | 'collections'
}

/** What the simulator saw of one request. */
export interface SeenRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  at: number
  /** The status it was answered with, once it was. */
  status?: number
}

export interface Simulator {
  /** The base to give the action as api-url. */
  apiUrl: string
  port: number
  requests: SeenRequest[]
  batches: BatchStatus[]
  close(): Promise<void>
}

export const DEMO_KEY = 'simulator-demo-key'
const BASE_PATH = '/live'

// The documented example answer of the API, with the counts filled in.
function stopAllBody(
  stopped: number,
  failed: number,
  noun: 'batches' | 'collections' = 'batches'
): string {
  const title = noun === 'batches' ? 'Batches' : 'Collections'
  return JSON.stringify({
    request_info: { success: true, message: `${stopped} ${title} stopped` },
    [`${noun}_stopped`]: stopped,
    [`${noun}_failed_to_stop`]: failed
  })
}

function errorBody(message: string): string {
  return JSON.stringify({ request_info: { success: false, message } })
}

/** Starts a simulator on 127.0.0.1, on `port` or any free one. */
export async function startSimulator(
  options: SimulatorOptions = {},
  port = 0
): Promise<Simulator> {
  const validKeys = new Set(options.validKeys ?? [DEMO_KEY])
  const noun = options.noun ?? 'batches'
  const faults = [...(options.faults ?? [])]
  const sockets = new Set<Socket>()
  const admitted: number[] = []
  const simulator: Simulator = {
    apiUrl: '',
    port: 0,
    requests: [],
    batches: [...(options.batches ?? ['queued', 'running', 'idle'])],
    close: () =>
      new Promise(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }

  function overRateLimit(now: number): boolean {
    const limit = options.requestsPerSecond
    if (limit === undefined) return false
    while (admitted.length > 0 && now - (admitted[0] ?? 0) >= 1000) {
      admitted.shift()
    }
    if (admitted.length >= limit) return true
    admitted.push(now)
    return false
  }

  function stopAll(): string {
    let refusing = options.unstoppable ?? 0
    let stopped = 0
    let failed = 0
    simulator.batches = simulator.batches.map(status => {
      if (status === 'idle') return status
      if (refusing > 0) {
        refusing--
        failed++
        return status
      }
      stopped++
      return 'idle'
    })
    return stopAllBody(stopped, failed, noun)
  }

  function answer(request: IncomingMessage, response: ServerResponse): void {
    const now = Date.now()
    const seen: SeenRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      at: now
    }
    simulator.requests.push(seen)
    response.on('finish', () => (seen.status = response.statusCode))
    const url = new URL(request.url ?? '/', 'http://simulator')
    const fault = faults.shift()
    if (fault !== undefined && fault.kind !== 'status') {
      misbehave(fault, request, response)
      return
    }
    if (fault?.kind === 'status') {
      send(response, fault.status, fault.body ?? '', fault.headers)
      return
    }
    // The API answers a wrong verb as it answers a wrong path.
    if (
      request.method !== 'GET' ||
      url.pathname !== `${BASE_PATH}/${noun}/stopall`
    ) {
      send(response, 404, errorBody('Not found'))
      return
    }
    if (!validKeys.has(url.searchParams.get('api_key') ?? '')) {
      send(response, 401, errorBody('Supplied api_key is not valid'))
      return
    }
    if (overRateLimit(now)) {
      send(response, 429, errorBody('Rate limit exceeded'), {
        'retry-after': '1'
      })
      return
    }
    send(response, 200, stopAll())
  }

  function misbehave(
    fault: Fault,
    request: IncomingMessage,
    response: ServerResponse
  ): void {
    const body = stopAllBody(0, 0)
    switch (fault.kind) {
      case 'reset':
        request.socket.destroy()
        return
      case 'hang':
        return
      case 'stall-body':
        response.writeHead(200, jsonHeaders(body.length))
        response.write(body.slice(0, 10))
        return
      case 'cut-body':
        response.writeHead(200, jsonHeaders(body.length))
        response.write(body.slice(0, 10), () => request.socket.destroy())
        return
      case 'trickle':
        response.writeHead(200, jsonHeaders(body.length))
        trickle(response, body, fault.intervalMs)
        return
      default:
        send(response, 500, errorBody('unknown fault'))
    }
  }

  const server = createServer(answer)
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve))
  simulator.port = (server.address() as AddressInfo).port
  simulator.apiUrl = `http://127.0.0.1:${simulator.port}${BASE_PATH}`
  return simulator
}

function jsonHeaders(length: number): Headers {
  return {
    'content-type': 'application/json',
    'content-length': String(length)
  }
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Headers = {}
): void {
  const type = body.startsWith('{') ? 'application/json' : 'text/html'
  response.writeHead(status, {
    'content-type': type,
    'content-length': String(Buffer.byteLength(body)),
    'x-trace-id': `sim-${Date.now().toString(16)}`,
    ...headers
  })
  response.end(body)
}

function trickle(response: ServerResponse, body: string, intervalMs: number) {
  let sent = 0
  const timer = setInterval(() => {
    if (response.destroyed || sent >= body.length) {
      clearInterval(timer)
      response.end()
      return
    }
    response.write(body[sent++])
  }, intervalMs)
}

// Started directly: serve until stopped, on the port given or a free one.
if (import.meta.main) {
  const given = process.argv[2] ?? '0'
  const port = /^\d{1,5}$/.test(given) ? Number(given) : NaN
  if (!(port >= 0 && port <= 65535)) {
    console.error(`The port must be a number from 0 to 65535, not "${given}".`)
    process.exit(2)
  }
  try {
    const simulator = await startSimulator({}, port)
    console.log(`SerpWow simulator listening at ${simulator.apiUrl}`)
    console.log(`It accepts the API key "${DEMO_KEY}". Ctrl-C stops it.`)
  } catch (thrown) {
    const code = (thrown as { code?: string }).code ?? String(thrown)
    console.error(`The simulator could not listen on port ${port}: ${code}`)
    process.exit(1)
  }
}
