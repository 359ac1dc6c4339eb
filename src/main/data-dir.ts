import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** The product name Electron uses for `app.getPath('userData')` (package.json `productName`). */
export const APP_DIR_NAME = 'Haru'

/**
 * Where Haru keeps its database, recordings and imported models when nothing overrides it.
 * Mirrors Electron's `userData` path so the CLI and the browser harness open the same diary
 * the desktop app shows, without needing Electron to ask.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME)
}

/** `--data-dir` beats `HARU_DATA_DIR`, which beats the platform default. */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit)
  if (env.HARU_DATA_DIR) return resolve(env.HARU_DATA_DIR)
  return defaultDataDir(process.platform, env)
}
