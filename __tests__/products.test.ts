import { describe, expect, test } from '@jest/globals'
import nock from 'nock'
import { runInProcess } from './helpers/run-in-process.js'
import { stopped } from './fixtures/responses.js'

const KEY = 'k-products'
const errorOf = (lines: string[]) =>
  lines.find(line => line.startsWith('::error::')) ?? ''

/** The documented answer of a collections product, with its own names. */
function collectionsStopped(count: number, failed = 0) {
  return {
    request_info: { success: true, message: `${count} Collections stopped` },
    collections_stopped: count,
    collections_failed_to_stop: failed
  }
}

describe('each product is called at its own address', () => {
  test.each([
    ['serpwow', 'https://api.serpwow.com', '/live/batches/stopall', stopped(3)],
    ['scaleserp', 'https://api.scaleserp.com', '/batches/stopall', stopped(3)],
    [
      'bluecart',
      'https://api.bluecartapi.com',
      '/collections/stopall',
      collectionsStopped(3)
    ],
    [
      'bigbox',
      'https://api.bigboxapi.com',
      '/collections/stopall',
      collectionsStopped(3)
    ],
    [
      'backyard',
      'https://api.backyardapi.com',
      '/collections/stopall',
      collectionsStopped(3)
    ]
  ])('%s', async (api, origin, path, body) => {
    const call = nock(origin).get(path).query({ api_key: KEY }).reply(200, body)
    const { exitCode, outputs } = await runInProcess({ 'api-key': KEY, api })
    expect(call.isDone()).toBe(true)
    expect(exitCode).toBe(0)
    expect(outputs['batches-stopped']).toBe('3')
    expect(outputs['batches-failed']).toBe('0')
  })
})

describe('the collections products', () => {
  test('name their collections in what they report', async () => {
    nock('https://api.bluecartapi.com')
      .get('/collections/stopall')
      .query(true)
      .reply(200, collectionsStopped(2, 1))
    const { exitCode, outputs, lines } = await runInProcess({
      'api-key': KEY,
      api: 'bluecart'
    })
    expect(exitCode).toBe(1)
    expect(outputs['batches-failed']).toBe('1')
    expect(lines).toContain(
      'Stopped 2 collections, 1 failed to stop. BlueCart said:' +
        ' "2 Collections stopped"'
    )
    expect(errorOf(lines)).toContain('1 collection failed to stop')
  })

  test('take no counts under the batches names', async () => {
    nock('https://api.bigboxapi.com')
      .get('/collections/stopall')
      .query(true)
      .reply(200, stopped(2))
    const { exitCode, lines } = await runInProcess({
      'api-key': KEY,
      api: 'bigbox'
    })
    expect(exitCode).toBe(1)
    expect(errorOf(lines)).toContain(
      'BigBox answered HTTP 200 with no whole, non-negative' +
        ' collections_stopped and collections_failed_to_stop'
    )
  })
})

describe('choosing the product', () => {
  test('api-url overrides the base of the chosen product', async () => {
    const call = nock('https://proxy.internal.example')
      .get('/bluecart/collections/stopall')
      .query(true)
      .reply(200, collectionsStopped(1))
    const { exitCode } = await runInProcess({
      'api-key': KEY,
      api: 'bluecart',
      'api-url': 'https://proxy.internal.example/bluecart'
    })
    expect(call.isDone()).toBe(true)
    expect(exitCode).toBe(0)
  })

  test('is blind to case', async () => {
    const call = nock('https://api.scaleserp.com')
      .get('/batches/stopall')
      .query(true)
      .reply(200, stopped(1))
    const { exitCode } = await runInProcess({
      'api-key': KEY,
      api: 'ScaleSERP'
    })
    expect(call.isDone()).toBe(true)
    expect(exitCode).toBe(0)
  })

  test.each([
    'valueserp',
    'rainforest',
    '',
    'serp wow',
    '__proto__',
    'constructor',
    'hasownproperty'
  ])(
    'an unknown one (%j) fails with the known ones, sending nothing',
    async api => {
      const call = nock('https://api.serpwow.com')
        .get('/live/batches/stopall')
        .query(true)
        .reply(200, stopped(1))
      const { exitCode, lines } = await runInProcess({ 'api-key': KEY, api })
      expect(exitCode).toBe(1)
      expect(call.isDone()).toBe(false)
      expect(errorOf(lines)).toContain(
        "Input 'api' must be one of serpwow, scaleserp, bluecart, bigbox," +
          ' backyard.'
      )
    }
  )
})
