import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** `../shared` beside the repository: datasets, fixtures and seed weights that are never committed. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const sharedDir = process.env.HARU_SHARED_DIR ?? resolve(repoRoot, '..', 'shared')

export function sharedPath(...parts: string[]): string {
  return join(sharedDir, ...parts)
}

/**
 * Whether tests that read `../shared` can run. Absent data skips with a printed reason on a
 * user's own clone, but CI always has it, so there a missing folder is a hard failure.
 */
export function hasShared(...parts: string[]): boolean {
  const path = sharedPath(...parts)
  if (existsSync(path)) return true
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but ${path} is missing: CI must provide ../shared`)
  }
  console.warn(`[skip] ${path} is absent (a clone without ../shared); skipping the tests that need it`)
  return false
}
