/**
 * Misbehaving servers for the fault suite, each on 127.0.0.1 and a free
 * port: raw TCP for broken connections, HTTP and HTTPS for odd answers,
 * and a CONNECT proxy. Every one is closed by the scenario that made it.
 */
import { readFileSync } from 'node:fs'
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { connect, createServer as createNetServer, type Socket } from 'node:net'
import type { AddressInfo, Server } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const CERTS = join(fileURLToPath(import.meta.url), '..', 'certs')
export const TEST_CA = join(CERTS, 'ca.pem')
/** A name that resolves to 127.0.0.1 only inside the suite's runs. */
export const TEST_HOST = 'api.serpwow.test'

export interface Running {
  port: number
  /** What reached it: request lines, or CONNECT targets for a proxy. */
  seen: string[]
  close(): Promise<void>
}

async function listen(server: Server, seen: string[]): Promise<Running> {
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise(done => {
        for (const socket of sockets) socket.destroy()
        server.close(() => done())
      })
  }
}

/** A TCP server that does what `onSocket` says with each connection. */
export function rawServer(onSocket: (socket: Socket) => void) {
  const seen: string[] = []
  const server = createNetServer(socket => {
    socket.once('data', chunk =>
      seen.push(chunk.toString().split('\r\n')[0] ?? '')
    )
    socket.on('error', () => undefined)
    onSocket(socket)
  })
  return listen(server, seen)
}

export type Handler = (
  request: IncomingMessage,
  response: ServerResponse
) => void

/** An HTTP server, or with `tls` an HTTPS one under the test CA. */
export function webServer(handler: Handler, tls = false) {
  const seen: string[] = []
  const record: Handler = (request, response) => {
    seen.push(`${request.method ?? ''} ${request.url ?? ''}`)
    handler(request, response)
  }
  const server = tls
    ? createHttpsServer(
        {
          key: readFileSync(join(CERTS, 'server.key')),
          cert: readFileSync(join(CERTS, 'server.pem'))
        },
        record
      )
    : createHttpServer(record)
  return listen(server, seen)
}

/** Answers each request with the next of `answers`; the last repeats. */
export function answering(
  answers: {
    status: number
    body?: string
    headers?: Record<string, string>
  }[],
  tls = false
) {
  let next = 0
  return webServer((_, response) => {
    const answer = answers[Math.min(next++, answers.length - 1)]
    if (answer === undefined) return
    response.writeHead(answer.status, answer.headers ?? {})
    response.end(answer.body ?? '')
  }, tls)
}

export interface ProxyOptions {
  /** Where every tunnel goes, whatever host it names. */
  targetPort: number
  /** "user:password" the proxy demands, if any. */
  credentials?: string
}

/**
 * A CONNECT proxy that tunnels every request to the target port on
 * 127.0.0.1, and, with credentials set, answers 407 to any request that
 * does not carry them.
 */
export function connectProxy(options: ProxyOptions) {
  const seen: string[] = []
  const server = createHttpServer((_, response) => {
    response.writeHead(405)
    response.end()
  })
  server.on('connect', (request: IncomingMessage, client: Socket) => {
    seen.push(`CONNECT ${request.url ?? ''}`)
    client.on('error', () => undefined)
    const expected =
      options.credentials === undefined
        ? undefined
        : `Basic ${Buffer.from(options.credentials).toString('base64')}`
    if (
      expected !== undefined &&
      request.headers['proxy-authorization'] !== expected
    ) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\n' +
          'Proxy-Authenticate: Basic realm="faults"\r\n' +
          'Content-Length: 0\r\n\r\n'
      )
      return
    }
    const upstream = connect(options.targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
  })
  return listen(server, seen)
}
