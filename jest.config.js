/** Jest runs TypeScript through SWC: no type-check here (`npm run typecheck` does that). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // content-disposition 3 (@fastify/static) and cookie 2 (light-my-request) ship ESM only: SWC
  // turns them into CommonJS too, so Jest can require() them like the rest.
  transform: { '^.+\\.(ts|js)$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie)/)'],
  setupFiles: ['<rootDir>/test/support/quiet-runtime.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 60_000,
};
