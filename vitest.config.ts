import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    globals: true,
    environment: 'node',
    // Native modules (better-sqlite3-multiple-ciphers, onnxruntime-node) are safest in forked processes.
    pool: 'forks',
    testTimeout: 30_000
  }
})
