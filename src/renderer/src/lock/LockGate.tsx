import { Fragment, useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import type { LockStatus } from '../../../shared/api/lock-schemas'
import { haruApi } from '../api'
import { forgetDrafts, setDiaryEncrypted } from './draft-storage'
import { LockContext } from './lock-context'
import { LockScreen } from './LockScreen'

/** How often the page asks whether main locked the diary by itself (idle, sleep, screen lock). */
const pollMs = (status: LockStatus) => Math.min(5_000, Math.max(250, status.autoLockMs / 4))
/** Activity is reported at most this often, well within the idle time. */
const activityEveryMs = (status: LockStatus) => Math.min(30_000, Math.max(100, status.autoLockMs / 4))

/** Ctrl+L, or ⌘L on a Mac: lock now. */
const isLockShortcut = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l'

/**
 * The diary lock in the page: with a passphrase set and the diary locked, only the lock screen is
 * shown; the app behind it is mounted afresh after each unlock (nothing of the last session stays
 * in the page while locked). Main decides when the diary locks (idle time, sleep, screen lock);
 * the page reports the writer's activity and asks main for the status often enough to notice.
 */
export function LockGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<LockStatus | null>(null)
  const [failed, setFailed] = useState(false)
  const [generation, setGeneration] = useState(0)
  const lastActivity = useRef(0)

  useEffect(() => {
    haruApi().lock.status().then(setStatus, () => setFailed(true))
  }, [])

  const lockNow = useCallback(() => {
    haruApi().lock.lock().then(setStatus, () => {})
  }, [])

  const enabled = status?.enabled === true
  const locked = status?.locked === true
  // Unsaved text is kept on disk only in a plain diary (draft-storage.ts); dropped from the page on lock.
  // During render, not in an effect: the editor below reads its draft in its own effect, which runs first.
  if (status) setDiaryEncrypted(enabled)
  if (locked) forgetDrafts()

  // Ask main now and then: it locks by itself after the idle time or when the computer sleeps.
  useEffect(() => {
    if (!status || !enabled || locked) return
    const timer = setInterval(() => {
      haruApi().lock.status().then((s) => (s.locked || s.enabled !== enabled ? setStatus(s) : undefined), () => {})
    }, pollMs(status))
    return () => clearInterval(timer)
  }, [status, enabled, locked])

  // The writer is here: typing, clicking, scrolling restart main's idle clock.
  useEffect(() => {
    if (!status || !enabled || locked || status.autoLockMs <= 0) return
    const every = activityEveryMs(status)
    const onActivity = () => {
      if (Date.now() - lastActivity.current < every) return
      lastActivity.current = Date.now()
      haruApi().lock.activity().catch(() => {})
    }
    const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const
    for (const e of events) window.addEventListener(e, onActivity, { capture: true, passive: true })
    return () => {
      for (const e of events) window.removeEventListener(e, onActivity, { capture: true })
    }
  }, [status, enabled, locked])

  useEffect(() => {
    if (!enabled || locked) return
    const onKey = (e: KeyboardEvent) => {
      if (!isLockShortcut(e)) return
      e.preventDefault()
      lockNow()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [enabled, locked, lockNow])

  // The lock's status could not be read (an old service): the app as before; its calls say what is wrong.
  if (failed) return <>{children}</>
  if (!status) return null
  if (status.locked) {
    return (
      <LockScreen
        status={status}
        onUnlocked={(s) => {
          lastActivity.current = 0
          setGeneration((g) => g + 1)
          setStatus(s)
        }}
      />
    )
  }
  return (
    <LockContext.Provider value={{ status, setStatus, lockNow }}>
      <Fragment key={generation}>{children}</Fragment>
    </LockContext.Provider>
  )
}
