/** What the lock's kill tests and their child process (lock-convert-runner.ts) share. */
export type ConvertOp = 'enable' | 'disable' | 'change'
export type RunnerMessage = { type: 'ack'; day: string; text: string } | { type: 'converting' } | { type: 'done'; ms: number }

export const OLD_PASSPHRASE = '예전 비밀번호 2026'
export const NEW_PASSPHRASE = '새로 정한 비밀번호 2027'
/**
 * Argon2id at the schema's floor (19 MiB, one pass: ~25 ms instead of ~300 ms): the kill tests
 * stretch passphrases some three hundred times, and crash safety does not depend on the cost.
 */
export const KILL_TEST_KDF = { memoryKiB: 19 * 1024, iterations: 1 }
