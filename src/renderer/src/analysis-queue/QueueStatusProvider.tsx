import { createContext, useContext, type ReactNode } from 'react'
import { AnalysisRevisionContext } from './revision'
import { useQueueStatus } from './useQueueStatus'

type QueueControl = ReturnType<typeof useQueueStatus>
const QueueContext = createContext<QueueControl | null>(null)

/**
 * Follows the background analysis queue for the open profile and gives its status to the shell's
 * strip (`QueueProgress`) and its revision to pages that show analyses (`useAnalysisRevision`).
 */
export function QueueStatusProvider({ profileId, children }: { profileId: number; children: ReactNode }) {
  const queue = useQueueStatus(profileId)
  return (
    <QueueContext.Provider value={queue}>
      <AnalysisRevisionContext.Provider value={queue.status?.revision ?? 0}>{children}</AnalysisRevisionContext.Provider>
    </QueueContext.Provider>
  )
}

export const useQueueControl = (): QueueControl | null => useContext(QueueContext)
