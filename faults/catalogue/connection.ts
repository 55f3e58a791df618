/** Connections that fail the ways real networks do. */
import type { Socket } from 'node:net'
import type { Scenario } from '../scenario.ts'
import { rawServer, type Running } from '../servers.ts'

const GOOD_BODY = JSON.stringify({
  request_info: { success: true, message: '2 Batches stopped' },
  batches_stopped: 2,
  batches_failed_to_stop: 0
})

function headers(length?: number): string {
  const size = length === undefined ? '' : `Content-Length: ${length}\r\n`
  return `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n${size}\r\n`
}

/** A raw server whose every connection, once it has sent, gets `act`. */
async function onRequest(act: (socket: Socket, index: number) => void) {
  let index = 0
  const server = await rawServer(socket => {
    const mine = index++
    socket.once('data', () => act(socket, mine))
  })
  return { apiUrl: `http://127.0.0.1:${server.port}/live`, servers: [server] }
}

function answerWell(socket: Socket): void {
  socket.end(headers(GOOD_BODY.length) + GOOD_BODY)
}

/** A port that was free a moment ago, so that nothing listens on it. */
async function closedPort(): Promise<Running> {
  const server = await rawServer(() => undefined)
  await server.close()
  return server
}

/** A step that must fail, saying `message`, within `maxMs`. */
const fails = (message: RegExp, maxMs: number) => ({
  exitCode: 1 as const,
  counts: null,
  message,
  maxMs
})

const QUICK = { 'timeout-seconds': '0.5', retries: '1' }
const UNREACHABLE = /^Could not reach 127\.0\.0\.1:\d+: .+ after 2 attempts/
const BROKE_OFF =
  /^The answer from 127\.0\.0\.1:\d+ broke off before it was complete after 2/
const NO_ANSWER = /^No complete answer from 127\.0\.0\.1:\d+ within 0\.5 s/

export const connectionScenarios: Scenario[] = [
  {
    kind: 'connection',
    name: 'refused',
    setup: async () => {
      const server = await closedPort()
      return { apiUrl: `http://127.0.0.1:${server.port}/live`, servers: [] }
    },
    inputs: QUICK,
    expected: {
      exitCode: 1,
      counts: null,
      message: /the connection was refused \(ECONNREFUSED\) after 2 attempts/,
      maxMs: 5_000
    }
  },
  {
    kind: 'connection',
    name: 'refused, all four default attempts',
    setup: async () => {
      const server = await closedPort()
      return { apiUrl: `http://127.0.0.1:${server.port}/live`, servers: [] }
    },
    expected: {
      exitCode: 1,
      counts: null,
      message: /the connection was refused \(ECONNREFUSED\) after 4 attempts/,
      // Three waits of at most 1, 2 and 4 s.
      maxMs: 10_000
    }
  },
  {
    kind: 'connection',
    name: 'reset before any answer',
    setup: () => onRequest(socket => socket.resetAndDestroy()),
    inputs: QUICK,
    expected: fails(UNREACHABLE, 5_000)
  },
  {
    kind: 'connection',
    name: 'closed before any answer',
    setup: () => onRequest(socket => socket.end()),
    inputs: QUICK,
    expected: fails(UNREACHABLE, 5_000)
  },
  {
    kind: 'connection',
    name: 'reset once, then an answer: counts come with a warning',
    setup: () =>
      onRequest((socket, index) => {
        if (index === 0) socket.resetAndDestroy()
        else answerWell(socket)
      }),
    expected: {
      exitCode: 0,
      counts: { stopped: 2, failed: 0 },
      message: /^2 Batches stopped$/,
      maxMs: 5_000,
      logs: /^::warning::An earlier attempt may have reached SerpWow/m
    }
  },
  {
    kind: 'connection',
    name: 'reset mid-body',
    setup: () =>
      onRequest(socket => {
        socket.write(headers(GOOD_BODY.length) + GOOD_BODY.slice(0, 20))
        setTimeout(() => socket.resetAndDestroy(), 50)
      }),
    inputs: QUICK,
    expected: fails(BROKE_OFF, 5_000)
  },
  {
    kind: 'connection',
    name: 'no answer at all',
    setup: () => onRequest(() => undefined),
    inputs: QUICK,
    expected: fails(NO_ANSWER, 5_000)
  },
  {
    kind: 'connection',
    name: 'no answer at all, retries 0',
    setup: () => onRequest(() => undefined),
    inputs: { 'timeout-seconds': '0.5', retries: '0' },
    expected: fails(NO_ANSWER, 3_000)
  },
  {
    kind: 'connection',
    name: 'headers, then a stalled body',
    setup: () =>
      onRequest(socket => {
        socket.write(headers(GOOD_BODY.length) + GOOD_BODY.slice(0, 5))
      }),
    inputs: QUICK,
    expected: fails(NO_ANSWER, 5_000)
  },
  {
    kind: 'connection',
    name: 'headers that never end',
    setup: () =>
      onRequest(socket => {
        socket.write('HTTP/1.1 200 OK\r\nX-Slow: ')
        const timer = setInterval(() => {
          if (socket.destroyed) clearInterval(timer)
          else socket.write('a')
        }, 20)
      }),
    inputs: QUICK,
    expected: fails(/./, 5_000)
  },
  {
    kind: 'connection',
    name: 'a body that trickles past the deadline',
    setup: () =>
      onRequest(socket => {
        socket.write(headers(GOOD_BODY.length))
        let sent = 0
        // Never idle for long, never done in time.
        const timer = setInterval(() => {
          if (socket.destroyed || sent >= GOOD_BODY.length) {
            clearInterval(timer)
            return
          }
          socket.write(GOOD_BODY.charAt(sent++))
        }, 40)
      }),
    inputs: QUICK,
    expected: fails(NO_ANSWER, 5_000)
  },
  {
    kind: 'connection',
    name: 'a chunked body that never ends',
    setup: () =>
      onRequest(socket => {
        socket.write(
          'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n' +
            'Transfer-Encoding: chunked\r\n\r\n'
        )
        const timer = setInterval(() => {
          if (socket.destroyed) clearInterval(timer)
          else socket.write('1\r\n \r\n')
        }, 5)
      }),
    inputs: QUICK,
    expected: fails(NO_ANSWER, 5_000)
  },
  {
    kind: 'connection',
    name: 'a body of over 1 MiB in chunks of one byte',
    setup: () =>
      onRequest(socket => {
        socket.write(
          'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n' +
            'Transfer-Encoding: chunked\r\n\r\n'
        )
        // Written in large writes; each holds thousands of 1-byte chunks.
        const chunks = '1\r\nx\r\n'.repeat(64 * 1024)
        for (let i = 0; i < 17 && !socket.destroyed; i++) socket.write(chunks)
        socket.end('0\r\n\r\n')
      }),
    inputs: { retries: '0' },
    expected: fails(/larger than 1048576 bytes/, 5_000)
  },
  {
    kind: 'connection',
    name: 'a slow body that arrives in time',
    setup: () =>
      onRequest(socket => {
        socket.write(headers(GOOD_BODY.length))
        let sent = 0
        const timer = setInterval(() => {
          if (socket.destroyed || sent >= GOOD_BODY.length) {
            clearInterval(timer)
            socket.end()
            return
          }
          socket.write(GOOD_BODY.slice(sent, (sent += 10)))
        }, 20)
      }),
    inputs: { 'timeout-seconds': '5' },
    expected: {
      exitCode: 0,
      counts: { stopped: 2, failed: 0 },
      message: /^2 Batches stopped$/,
      maxMs: 5_000
    }
  },
  {
    kind: 'connection',
    name: 'closes after a partial JSON document, no length given',
    setup: () =>
      onRequest(socket => {
        socket.end(headers() + GOOD_BODY.slice(0, 30))
      }),
    inputs: QUICK,
    expected: {
      exitCode: 1,
      counts: null,
      message: /^SerpWow answered HTTP 200 with a body that is not a JSON/,
      maxMs: 3_000
    }
  },
  {
    kind: 'connection',
    name: 'closes after a partial JSON document of announced length',
    setup: () =>
      onRequest(socket => {
        socket.end(headers(GOOD_BODY.length) + GOOD_BODY.slice(0, 30))
      }),
    inputs: QUICK,
    expected: fails(BROKE_OFF, 5_000)
  },
  {
    kind: 'connection',
    name: 'answers garbage instead of HTTP',
    setup: () => onRequest(socket => socket.end('SSH-2.0-OpenSSH_9.2\r\n')),
    inputs: QUICK,
    expected: fails(/./, 5_000)
  }
]
