import { useCallback, useEffect, useRef, useState } from 'react'
import { MIC_CHECK, type ChunkLevel } from '../../../../shared/calibration/levels'
import { MicrophoneCapture, MicrophoneError } from '../../audio/microphone'

export interface MicrophoneState {
  mic: MicrophoneCapture | null
  opening: boolean
  error: MicrophoneError | null
  level: ChunkLevel | null
  /** A chunk hit full scale in the last 1.5 s. */
  clipping: boolean
  /** Nothing above MIC_CHECK.silentBelowDb for MIC_CHECK.silentAfterSec. */
  silent: boolean
  retry(): void
}

/** Opens the microphone while `active`, closes it when inactive or unmounted, and follows its level. */
export function useMicrophone(active: boolean): MicrophoneState {
  const [mic, setMic] = useState<MicrophoneCapture | null>(null)
  const [opening, setOpening] = useState(false)
  const [error, setError] = useState<MicrophoneError | null>(null)
  const [level, setLevel] = useState<ChunkLevel | null>(null)
  const [clipping, setClipping] = useState(false)
  const [silent, setSilent] = useState(false)
  const [attempt, setAttempt] = useState(0)
  const lastClip = useRef(0)
  const lastSound = useRef(0)

  useEffect(() => {
    if (!active) return
    let cancelled = false
    let opened: MicrophoneCapture | null = null
    setOpening(true)
    setError(null)
    MicrophoneCapture.open()
      .then((capture) => {
        if (cancelled) return void capture.close()
        opened = capture
        lastSound.current = performance.now()
        capture.onLevel((l) => {
          const now = performance.now()
          if (l.clippedSamples > 0) lastClip.current = now
          if (l.rmsDb > MIC_CHECK.silentBelowDb) lastSound.current = now
          setLevel(l)
          setClipping(now - lastClip.current < 1500)
          setSilent(now - lastSound.current > MIC_CHECK.silentAfterSec * 1000)
        })
        setMic(capture)
      })
      .catch((err: unknown) => {
        if (!cancelled) setError(err instanceof MicrophoneError ? err : new MicrophoneError('failed', String(err)))
      })
      .finally(() => !cancelled && setOpening(false))
    return () => {
      cancelled = true
      void opened?.close()
      setMic(null)
      setLevel(null)
    }
  }, [active, attempt])

  const retry = useCallback(() => setAttempt((a) => a + 1), [])
  return { mic, opening, error, level, clipping, silent, retry }
}
