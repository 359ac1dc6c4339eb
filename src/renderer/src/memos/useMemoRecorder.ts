import { useCallback, useEffect, useRef, useState } from 'react'
import { MAX_MEMO_SECONDS } from '../../../shared/api/limits'
import type { VoiceMemo } from '../../../shared/api/memos-schemas'
import type { MicrophoneCapture } from '../audio/microphone'
import { haruApi } from '../api'
import { bytesToBase64, toPcm16 } from '../audio/base64'

export type RecorderPhase = 'idle' | 'recording' | 'paused' | 'saving'

/** How often buffered audio goes to disk: at most this much is lost if the app crashes. */
const FLUSH_MS = 1000

/**
 * Records a memo from an open microphone: audio is streamed to the main process about once a
 * second (each chunk is on disk before the next), so a crash loses at most a second. A chunk the
 * main process could not store (a full disk) stays queued in memory and is retried; nothing the
 * user said is dropped while the app runs.
 */
export function useMemoRecorder(mic: MicrophoneCapture | null, profileId: number, date: string, onSaved: (memo: VoiceMemo) => void) {
  const [phase, setPhase] = useState<RecorderPhase>('idle')
  const [seconds, setSeconds] = useState(0)
  const [error, setError] = useState<unknown>(null)
  const [autoStopped, setAutoStopped] = useState(false)
  const recordingId = useRef<string | null>(null)
  const buffered = useRef<Float32Array[]>([])
  const queue = useRef<Uint8Array[]>([])
  const seq = useRef(0)
  const samples = useRef(0)
  const paused = useRef(false)
  const sending = useRef<Promise<void>>(Promise.resolve())
  const stopRef = useRef<() => Promise<void>>(async () => {})

  const flush = useCallback(() => {
    const chunks = buffered.current
    buffered.current = []
    if (chunks.length) {
      const total = chunks.reduce((n, c) => n + c.length, 0)
      const joined = new Float32Array(total)
      let at = 0
      for (const c of chunks) {
        joined.set(c, at)
        at += c.length
      }
      queue.current.push(toPcm16(joined))
    }
    sending.current = sending.current.then(async () => {
      while (queue.current.length && recordingId.current) {
        try {
          await haruApi().memos.appendChunk({ recordingId: recordingId.current, seq: seq.current, pcm16: bytesToBase64(queue.current[0]!) })
          queue.current.shift()
          seq.current++
          setError(null)
        } catch (err) {
          setError(err)
          return // stays queued; the next flush retries
        }
      }
    })
    return sending.current
  }, [])

  useEffect(() => {
    if (!mic || phase === 'idle' || phase === 'saving') return
    const off = mic.onChunk((chunk) => {
      if (paused.current) return
      buffered.current.push(chunk.slice())
      samples.current += chunk.length
      const secs = samples.current / mic.sampleRate
      setSeconds(secs)
      if (secs >= MAX_MEMO_SECONDS) {
        setAutoStopped(true)
        void stopRef.current()
      }
    })
    const timer = setInterval(() => void flush(), FLUSH_MS)
    return () => {
      off()
      clearInterval(timer)
    }
  }, [mic, phase, flush])

  const start = useCallback(async () => {
    if (!mic) return
    setError(null)
    setAutoStopped(false)
    try {
      recordingId.current = (await haruApi().memos.begin({ profileId, entryDate: date, sampleRate: mic.sampleRate })).recordingId
    } catch (err) {
      setError(err)
      return
    }
    seq.current = 0
    samples.current = 0
    buffered.current = []
    queue.current = []
    paused.current = false
    setSeconds(0)
    setPhase('recording')
  }, [mic, profileId, date])

  const stop = useCallback(async () => {
    if (!recordingId.current) return
    setPhase('saving')
    await flush()
    if (queue.current.length) {
      setPhase('paused')
      return // could not store everything yet; the user can press stop again
    }
    try {
      const memo = await haruApi().memos.finish({ recordingId: recordingId.current })
      recordingId.current = null
      setPhase('idle')
      onSaved(memo)
    } catch (err) {
      setError(err)
      setPhase('paused')
    }
  }, [flush, onSaved])
  stopRef.current = stop

  const discard = useCallback(async () => {
    const id = recordingId.current
    recordingId.current = null
    buffered.current = []
    queue.current = []
    setPhase('idle')
    setSeconds(0)
    if (id) await haruApi().memos.discard({ recordingId: id }).catch(() => {})
  }, [])

  const pause = useCallback(() => {
    paused.current = true
    setPhase('paused')
  }, [])
  const resume = useCallback(() => {
    paused.current = false
    setPhase('recording')
  }, [])

  return { phase, seconds, error, autoStopped, start, stop, pause, resume, discard }
}
