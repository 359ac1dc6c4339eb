import { useCallback, useEffect, useRef, useState } from 'react'
import type { QueueStatus } from '../../../shared/api/queue-schemas'
import { errorMessage, haruApi } from '../api'

/** While it works the shell follows it closely; otherwise it looks now and then for work that arrived. */
const BUSY_POLL_MS = 1000
const IDLE_POLL_MS = 4000

/**
 * The background analysis queue's status for the open profile, polled (neither IPC nor the
 * harness pushes), and its pause/resume/cancel. An action's reply is shown at once.
 */
export function useQueueStatus(profileId: number) {
  const [status, setStatus] = useState<QueueStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  const live = useRef(true)

  const show = useCallback((next: QueueStatus) => {
    if (!live.current) return
    setStatus(next)
    setError(null)
  }, [])

  useEffect(() => {
    live.current = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = () => {
      haruApi()
        .queue.status({ profileId })
        .then((next) => {
          show(next)
          return next.state === 'running'
        })
        .catch(() => false) // a missed poll is retried; the shell never shows an error for it
        .then((busy) => {
          if (live.current) timer = setTimeout(poll, busy ? BUSY_POLL_MS : IDLE_POLL_MS)
        })
    }
    poll()
    return () => {
      live.current = false
      clearTimeout(timer)
    }
  }, [profileId, show])

  const act = (action: 'pause' | 'resume' | 'cancel') => () => {
    const api = haruApi().queue
    const request = action === 'resume' ? api.resume({ profileId }) : api[action]({ profileId })
    request.then(show, (err) => setError(errorMessage(err)))
  }

  return { status, error, pause: act('pause'), resume: act('resume'), cancel: act('cancel') }
}
