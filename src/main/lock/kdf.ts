import { randomBytes } from 'node:crypto'
import { hashRaw, type Algorithm } from '@node-rs/argon2'
import { z } from 'zod'

/**
 * Stretching a passphrase into a key: Argon2id (RFC 9106), memory-hard, so each guess costs a
 * quarter of a second and 128 MiB on this kind of machine and far more to run in parallel on a GPU.
 * Parameter sets are versioned: a keyring records the set it was wrapped with and its numbers,
 * so raising them later never locks anyone out, and a keyring on an older set is rewrapped with
 * the current one after the next successful unlock.
 *
 * Set 1: 128 MiB, 6 passes, 1 lane. Measured on the 2-core build machine with nothing else
 * stretching (fastest of 5): 128 MiB × 3 took 0.16 s and × 5 0.26 s, too close to the 0.25 s aimed
 * for, so × 6 (about 0.3 s; `npm run bench -- lock` prints it). More memory was no better a buy
 * here: 192 MiB × 4 and 256 MiB × 3 took 0.47–0.5 s (past the caches, bandwidth-bound). One lane,
 * so the cost does not shrink on a computer with more cores.
 */
export const KDF_PARAMS = { 1: { memoryKiB: 128 * 1024, iterations: 6, parallelism: 1 } } as const
export const CURRENT_KDF_SET = 1

/** What a keyring or an encrypted backup stores about its passphrase stretching. */
export const argon2idSchema = z.strictObject({
  name: z.literal('argon2id'),
  /** The parameter set this was made with (KDF_PARAMS); the numbers below are what counts. */
  set: z.number().int().min(1),
  // Bounded both ways: a tampered file must not make Haru allocate gigabytes, nor accept a trivial cost.
  memoryKiB: z.number().int().min(19 * 1024).max(1024 * 1024),
  iterations: z.number().int().min(1).max(20),
  parallelism: z.number().int().min(1).max(8),
  salt: z.string().regex(/^[A-Za-z0-9+/]{22}==$/, 'a 16-byte base64 salt')
})
export type Argon2idParams = z.infer<typeof argon2idSchema>

/**
 * A cheaper cost than the set's, for tests only (the kill tests convert some ninety folders; the
 * stretching is not what they test). Never below the schema's floor (OWASP's 19 MiB); the app,
 * the harness and the CLI never pass one.
 */
export interface KdfCost {
  memoryKiB: number
  iterations: number
}

export function newArgon2idParams(set = CURRENT_KDF_SET, cost?: KdfCost): Argon2idParams {
  const p = KDF_PARAMS[set as keyof typeof KDF_PARAMS]
  return argon2idSchema.parse({ name: 'argon2id', set, ...p, ...cost, salt: randomBytes(16).toString('base64') })
}

/** Below the current set: rewrap after the next unlock. */
export const isOutdated = (p: Argon2idParams): boolean => p.set < CURRENT_KDF_SET

/**
 * Unicode NFC, so the same passphrase typed on different systems (macOS input can give decomposed
 * Hangul jamo) gives the same key. Nothing else is changed: spaces and case count.
 */
/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2 as Algorithm

export const normalizePassphrase = (passphrase: string): string => passphrase.normalize('NFC')

/** 32 bytes of key from the passphrase; runs on libuv's thread pool, so the main thread keeps answering. */
export async function stretchPassphrase(passphrase: string, p: Argon2idParams): Promise<Buffer> {
  return hashRaw(Buffer.from(normalizePassphrase(passphrase), 'utf8'), {
    algorithm: ARGON2ID,
    memoryCost: p.memoryKiB,
    timeCost: p.iterations,
    parallelism: p.parallelism,
    outputLen: 32,
    salt: Buffer.from(p.salt, 'base64')
  })
}
