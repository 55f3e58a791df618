import { afterAll, afterEach, beforeAll } from '@jest/globals'
import nock from 'nock'

// Every test file gets its own copy of nock, but all share Node's http
// module: each copy must take its hooks off again, or the next file's
// requests meet the hooks of a copy that has no interceptors.
beforeAll(() => {
  if (!nock.isActive()) nock.activate()
  // Real connections go nowhere but to servers a test starts itself.
  nock.disableNetConnect()
  nock.enableNetConnect('127.0.0.1')
})
afterEach(() => nock.cleanAll())
afterAll(() => nock.restore())
