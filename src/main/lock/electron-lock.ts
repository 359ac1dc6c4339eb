import { BrowserWindow, powerMonitor } from 'electron'
import type { DiaryLock, LockReason } from './diary-lock'

/**
 * The desktop app's own reasons to lock: the computer going to sleep or its screen locking
 * (Electron's powerMonitor). The page asks for the lock status only now and then, so after such
 * a lock every window is reloaded at once: it comes back on the lock screen, and nothing of the
 * diary stays on screen or in the page's memory while the computer wakes.
 */
export function lockOnSystemEvents(lock: DiaryLock): void {
  const lockNow = (reason: LockReason) => {
    const wasOpen = lock.status().enabled && !lock.isLocked
    lock.lock(reason)
    if (wasOpen && lock.isLocked) for (const win of BrowserWindow.getAllWindows()) win.webContents.reload()
  }
  powerMonitor.on('suspend', () => lockNow('suspend'))
  powerMonitor.on('lock-screen', () => lockNow('lock-screen'))
}
