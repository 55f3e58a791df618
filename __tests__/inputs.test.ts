import { describe, expect, test } from '@jest/globals'
import nock from 'nock'
import { runInProcess } from './helpers/run-in-process.js'
import { stopAllCall } from './helpers/api.js'
import { stopped } from './fixtures/responses.js'

/** Runs with one bad input and checks that no request went out. */
async function runWithBadInput(inputs: Record<string, string>) {
  const call = stopAllCall().reply(200, stopped(1))
  const result = await runInProcess({ 'api-key': 'good-key-1', ...inputs })
  expect(call.isDone()).toBe(false)
  expect(result.exitCode).toBe(1)
  const errors = result.lines.filter(line => line.startsWith('::error::'))
  expect(errors).toHaveLength(1)
  return { ...result, error: errors[0] ?? '' }
}

describe('a bad input fails the step before any request', () => {
  test.each([
    ['an empty key', ''],
    ['a blank key', '   '],
    ['a key of line breaks', '\n\n']
  ])('api-key: %s', async (_, key) => {
    const { error, outputs } = await runWithBadInput({ 'api-key': key })
    expect(error).toContain("Input 'api-key' must be an API key")
    expect(outputs.message).toContain("Input 'api-key'")
  })

  test.each([
    ['a space', 'abc def'],
    ['a line break', 'abc\ndef'],
    ['a tab', 'abc\tdef'],
    ['a control character', 'abc\u0007def']
  ])('api-key with %s inside, never echoed', async (_, key) => {
    const { error, lines } = await runWithBadInput({ 'api-key': key })
    expect(error).toContain(
      "Input 'api-key' must be a key with no spaces, line breaks"
    )
    const unmasked = lines.filter(line => !line.startsWith('::add-mask::'))
    expect(unmasked.join('\n')).not.toContain('abc')
  })

  test.each(['1', 'ab', 'k3y', 'short12'])(
    'api-key %j, too short to be a key',
    async key => {
      const { error } = await runWithBadInput({ 'api-key': key })
      expect(error).toContain(
        "Input 'api-key' must be a key of 8 to 256 characters." +
          ' Received: a shorter value'
      )
    }
  )

  test('api-key far longer than any key, never echoed', async () => {
    const { error } = await runWithBadInput({
      'api-key': 'k'.repeat(100_000)
    })
    expect(error).toContain(
      "Input 'api-key' must be a key of 8 to 256 characters." +
        ' Received: a longer value'
    )
    expect(error).not.toContain('kkk')
  })

  test.each([
    ['not a URL', 'api.serpwow.com/live'],
    ['plain http to a remote host', 'http://api.serpwow.com/live'],
    ['another scheme', 'ftp://api.serpwow.com/live']
  ])('api-url %s', async (_, url) => {
    const { error } = await runWithBadInput({ 'api-url': url })
    expect(error).toContain("Input 'api-url' must be an https URL")
    expect(error).toContain(`Received: ${JSON.stringify(url)}`)
  })

  test('api-url with credentials, without echoing them', async () => {
    const { error } = await runWithBadInput({
      'api-url': 'https://user:hunter2@api.serpwow.com/live'
    })
    expect(error).toContain("Input 'api-url' must be a base URL with no")
    expect(error).not.toContain('hunter2')
  })

  test.each([
    ['a query', 'https://api.serpwow.com/live?x=1'],
    ['a fragment', 'https://api.serpwow.com/live#top']
  ])('api-url with %s', async (_, url) => {
    const { error } = await runWithBadInput({ 'api-url': url })
    expect(error).toContain('no user name, password, query or fragment')
  })

  test.each([
    '0',
    '-1',
    'abc',
    '1e3',
    '30s',
    '',
    '601',
    'Infinity',
    '.',
    '1.2.3'
  ])('timeout-seconds %j', async timeout => {
    const { error } = await runWithBadInput({ 'timeout-seconds': timeout })
    expect(error).toContain(
      "Input 'timeout-seconds' must be a number of seconds above 0" +
        ' and at most 600'
    )
  })

  test.each(['-1', '1.5', 'three', '', '11', '0x3'])(
    'retries %j',
    async retries => {
      const { error } = await runWithBadInput({ retries })
      expect(error).toContain(
        "Input 'retries' must be a whole number from 0 to 10"
      )
    }
  )

  test.each(['yes', '1', 'on', ''])(
    'fail-on-failed-batches %j',
    async value => {
      const { error } = await runWithBadInput({
        'fail-on-failed-batches': value
      })
      expect(error).toContain(
        "Input 'fail-on-failed-batches' must be true or false"
      )
    }
  )
})

describe('good inputs are accepted as written', () => {
  test.each([
    ['a fractional timeout', { 'timeout-seconds': '0.5' }],
    ['a timeout written .5', { 'timeout-seconds': '.5' }],
    ['no retries', { retries: '0' }],
    [
      'a trailing slash on api-url',
      { 'api-url': 'https://api.serpwow.com/live/' }
    ],
    ['False in capitals', { 'fail-on-failed-batches': 'False' }]
  ])('%s', async (_, inputs) => {
    const call = stopAllCall('good-key-1').reply(200, stopped(1))
    const result = await runInProcess({ 'api-key': 'good-key-1', ...inputs })
    expect(call.isDone()).toBe(true)
    expect(result.exitCode).toBe(0)
  })

  test('plain http to a loopback host', async () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]']) {
      const call = nock(`http://${host}:8080`)
        .get('/live/batches/stopall')
        .query(true)
        .reply(200, stopped(0))
      const result = await runInProcess({
        'api-key': 'good-key-1',
        'api-url': `http://${host}:8080/live`
      })
      expect(call.isDone()).toBe(true)
      expect(result.exitCode).toBe(0)
    }
  })

  test('a key pasted with spaces and a line break around it', async () => {
    const call = stopAllCall('good-key-1').reply(200, stopped(1))
    const result = await runInProcess({ 'api-key': '  good-key-1 \n' })
    expect(call.isDone()).toBe(true)
    expect(result.exitCode).toBe(0)
  })
})
