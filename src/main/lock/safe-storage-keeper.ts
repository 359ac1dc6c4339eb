import { safeStorage } from 'electron'
import type { KeyKeeper } from './remember'

/**
 * The desktop app's keychain: Electron's `safeStorage` (macOS Keychain, Windows DPAPI, the Secret
 * Service or KWallet on Linux). On Linux without a keyring daemon Electron falls back to a fixed
 * key ("basic_text"), which protects nothing: Haru then says remembering is unavailable.
 */
export const safeStorageKeeper: KeyKeeper = {
  available: () => {
    if (!safeStorage.isEncryptionAvailable()) return false
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined
    return backend !== 'basic_text' && backend !== 'unknown'
  },
  protect: (secret) => safeStorage.encryptString(secret.toString('base64')),
  reveal: (blob) => Buffer.from(safeStorage.decryptString(blob), 'base64')
}
