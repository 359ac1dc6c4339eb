import { createContext, useContext } from 'react'
import type { LockStatus } from '../../../shared/api/lock-schemas'

/** What the lock gate shares with the pages: the folder's lock status, and ways to change it. */
export interface LockControls {
  status: LockStatus
  /** After Settings turned the lock on or off, or changed its settings. */
  setStatus(status: LockStatus): void
  /** Locks now (the shortcut, the header button). */
  lockNow(): void
}

export const LockContext = createContext<LockControls | null>(null)

/** Null outside the gate (the profile picker is inside it too, so in practice always set). */
export function useLock(): LockControls | null {
  return useContext(LockContext)
}
