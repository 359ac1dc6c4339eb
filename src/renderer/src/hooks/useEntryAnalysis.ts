import { useEffect, useRef, useState } from 'react'
import type { EntryTextAnalysis } from '../../../shared/api/analysis-schemas'
import { haruApi } from '../api'
import { useAnalysisRevision } from '../analysis-queue/revision'

/** Quiet time after a save before the text model runs, so a burst of edits is analysed once. */
export const ANALYSIS_DELAY_MS = 1200

export type AnalysisState = 'idle' | 'waiting' | 'running' | 'done' | 'error'

/**
 * The entry's text analysis: the stored one on open, then a fresh one in the background after
 * each save (saves never happen mid-composition, so neither does analysis). Runs in the analysis
 * process, so typing never waits for it.
 */
export function useEntryAnalysis(entryId: number | null, savedRevision: number) {
  const [analysis, setAnalysis] = useState<EntryTextAnalysis | null>(null)
  const [state, setState] = useState<AnalysisState>('idle')
  const [error, setError] = useState<unknown>(null)
  /** Analyses finished in this session: the day figure is read again after each. */
  const [runs, setRuns] = useState(0)
  const latest = useRef(0)
  const [manualRuns, setManualRuns] = useState(0)
  /** Corrections made in this session: the day figure is read again after each too. */
  const [corrections, setCorrections] = useState(0)

  // The background queue may analyse this entry (e.g. after a restart): show its result when it does.
  const queueRevision = useAnalysisRevision()
  useEffect(() => {
    if (entryId === null) return
    let cancelled = false
    haruApi()
      .analysis.storedEntryText({ entryId })
      .then((stored) => !cancelled && stored && setAnalysis(stored))
      .catch(() => {})
    return () => {
      cancelled = true
    }
  }, [entryId, queueRevision])

  useEffect(() => {
    if (entryId === null || savedRevision + manualRuns === 0) return
    setState('waiting')
    const request = ++latest.current
    const timer = setTimeout(() => {
      setState('running')
      haruApi()
        .analysis.entryText({ entryId })
        .then((result) => {
          if (request !== latest.current) return
          setAnalysis(result)
          setError(null)
          setState('done')
          setRuns((n) => n + 1)
        })
        .catch((err) => {
          if (request !== latest.current) return
          setError(err)
          setState('error')
        })
    }, ANALYSIS_DELAY_MS)
    return () => clearTimeout(timer)
  }, [entryId, savedRevision, manualRuns])

  return {
    analysis,
    state,
    error,
    runs,
    corrections,
    analyzeNow: () => setManualRuns((n) => n + 1),
    /** A correction restated the reading (issue 12): show it, and let the day figure follow. */
    corrected: (next: EntryTextAnalysis) => {
      setAnalysis(next)
      setCorrections((n) => n + 1)
    }
  }
}
