import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Migrates one template database; each test file copies it (tests/support/database.ts).
    globalSetup: ['tests/support/global-setup.ts'],
    // Separate processes: better-sqlite3 is a native module.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
