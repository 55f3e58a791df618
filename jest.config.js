/** Unit tests with nock, and end-to-end runs of the committed bundle. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  // Sources import './x.js' as Node wants; jest finds the .ts beside it.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/nock-setup.ts'],
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
  coverageThreshold: { global: { lines: 95, branches: 95 } }
}
