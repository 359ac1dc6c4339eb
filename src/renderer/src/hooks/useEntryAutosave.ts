import { useCallback, useEffect, useRef, useState } from 'react'
import { errorCode, errorMessage, haruApi } from '../api'

export type SaveStatus = 'loading' | 'idle' | 'pending' | 'saving' | 'saved' | 'empty' | 'error'

/** Quiet time after the last keystroke (or the end of an IME composition) before saving. */
export const AUTOSAVE_DELAY_MS = 700
/** A failure that may pass by itself (full disk, service restarting) is retried this often. */
const RETRY_DELAY_MS = 5000
const RETRYABLE = new Set(['storage-full', 'storage', 'unavailable', 'internal', 'unknown'])

/**
 * Loads one day's entry and saves edits automatically. Never saves in the middle of an IME
 * composition: a Hangul syllable being assembled (ㅎ → 하 → 한) is not text yet. Unsaved text is
 * mirrored to localStorage as a draft, so a failed save, a crash or a reload loses nothing;
 * the draft is restored on the next open and cleared once the database has it.
 */
export function useEntryAutosave(profileId: number, date: string) {
  const [text, setText] = useState('')
  const [status, setStatus] = useState<SaveStatus>('loading')
  const [error, setError] = useState<string | null>(null)
  const [restoredDraft, setRestoredDraft] = useState(false)
  /** The stored entry, once there is one, and a counter bumped by every successful save (drives analysis). */
  const [entryId, setEntryId] = useState<number | null>(null)
  const [savedRevision, setSavedRevision] = useState(0)

  const draftKey = `haru.draft.${profileId}.${date}`
  const textRef = useRef('')
  const savedTextRef = useRef('')
  const entryIdRef = useRef<number | null>(null)
  const composingRef = useRef(false)
  const timerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const inFlightRef = useRef<Promise<void> | null>(null)

  const isDirty = () => textRef.current !== savedTextRef.current

  const keepDraft = useCallback(() => {
    if (isDirty()) localStorage.setItem(draftKey, textRef.current)
  }, [draftKey])

  const save = useCallback(async (): Promise<void> => {
    clearTimeout(timerRef.current)
    if (composingRef.current) return
    while (inFlightRef.current) await inFlightRef.current
    const snapshot = textRef.current
    if (snapshot === savedTextRef.current) {
      setStatus(snapshot ? 'saved' : 'idle')
      return
    }
    if (snapshot.trim() === '') {
      setStatus('empty')
      return
    }
    setStatus('saving')
    let failed = false
    let retryable = false
    const attempt = (async () => {
      try {
        const api = haruApi()
        if (entryIdRef.current === null) {
          // A voice memo recorded meanwhile creates the day's entry with no text: write into that one.
          const existing = await api.entries.getByDate({ profileId, entryDate: date })
          if (existing && existing.text === '') entryIdRef.current = existing.id
        }
        const entry =
          entryIdRef.current === null
            ? await api.entries.create({ profileId, entryDate: date, text: snapshot })
            : await api.entries.update({ id: entryIdRef.current, text: snapshot })
        entryIdRef.current = entry.id
        savedTextRef.current = entry.text
        setEntryId(entry.id)
        setSavedRevision((r) => r + 1)
        setError(null)
        if (isDirty()) {
          setStatus('pending')
        } else {
          localStorage.removeItem(draftKey)
          setStatus('saved')
        }
      } catch (err) {
        localStorage.setItem(draftKey, snapshot)
        setError(errorMessage(err))
        setStatus('error')
        retryable = RETRYABLE.has(errorCode(err))
        failed = true
      }
    })()
    inFlightRef.current = attempt
    await attempt
    inFlightRef.current = null
    // Invalid text is not retried: the writer has to change it, and their next keystroke saves again.
    if (failed) {
      if (retryable) timerRef.current = setTimeout(() => void save(), RETRY_DELAY_MS)
    } else if (isDirty() && !composingRef.current) {
      schedule()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [profileId, date, draftKey])

  const schedule = useCallback(() => {
    clearTimeout(timerRef.current)
    setStatus('pending')
    timerRef.current = setTimeout(() => {
      keepDraft()
      void save()
    }, AUTOSAVE_DELAY_MS)
  }, [keepDraft, save])

  useEffect(() => {
    let cancelled = false
    haruApi()
      .entries.getByDate({ profileId, entryDate: date })
      .then((entry) => {
        if (cancelled) return
        entryIdRef.current = entry?.id ?? null
        setEntryId(entry?.id ?? null)
        savedTextRef.current = entry?.text ?? ''
        const draft = localStorage.getItem(draftKey)
        const initial = draft !== null && draft !== savedTextRef.current ? draft : savedTextRef.current
        textRef.current = initial
        setText(initial)
        setRestoredDraft(initial !== savedTextRef.current)
        setStatus(entry ? 'saved' : 'idle')
        if (initial !== savedTextRef.current) schedule()
      })
      .catch((err) => {
        if (cancelled) return
        setError(errorMessage(err))
        setStatus('error')
      })
    return () => {
      cancelled = true
    }
  }, [profileId, date, draftKey, schedule])

  // Leaving the day (or the app) must not drop the last keystrokes.
  useEffect(() => {
    const flush = () => {
      keepDraft()
      if (isDirty()) void save()
    }
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      clearTimeout(timerRef.current)
      flush()
    }
  }, [keepDraft, save])

  return {
    text,
    status,
    error,
    restoredDraft,
    entryId,
    savedRevision,
    onChange(value: string) {
      textRef.current = value
      setText(value)
      if (composingRef.current) setStatus('pending')
      else schedule()
    },
    onCompositionStart() {
      composingRef.current = true
      clearTimeout(timerRef.current)
    },
    onCompositionEnd(value: string) {
      composingRef.current = false
      textRef.current = value
      setText(value)
      schedule()
    },
    onBlur() {
      if (!composingRef.current) void save()
    }
  }
}
