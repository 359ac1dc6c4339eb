import { useCallback, useEffect, useRef, useState } from 'react'
import { errorCode, haruApi } from '../api'
import { draftStore } from '../lock/draft-storage'

/** `emptied`: a saved entry's text was all removed; nothing is saved until the writer says what they meant. */
export type SaveStatus = 'loading' | 'idle' | 'pending' | 'saving' | 'saved' | 'empty' | 'emptied' | 'error'

/** What was removed from the day, kept in memory for undo. */
export interface RemovedEntry {
  /** `deleted`: the entry is gone; `cleared`: its words are gone but its voice memos stay. */
  kind: 'deleted' | 'cleared'
  text: string
  tags: string[]
  entryId: number
  /** What kept the day when only its words went (issue 12: a mood check-in keeps it too). */
  keptBy?: 'memos' | 'mood'
}

/** Quiet time after the last keystroke (or the end of an IME composition) before saving. */
export const AUTOSAVE_DELAY_MS = 700
/** A failure that may pass by itself (full disk, service restarting) is retried this often. */
const RETRY_DELAY_MS = 5000
const RETRYABLE = new Set(['storage-full', 'storage', 'unavailable', 'internal', 'unknown'])

/**
 * Loads one day's entry and saves edits automatically. Never saves in the middle of an IME
 * composition: a Hangul syllable being assembled (ㅎ → 하 → 한) is not text yet. Unsaved text is
 * mirrored to localStorage as a draft (in memory only when the diary is encrypted: lock/draft-storage.ts), so a failed save, a crash or a reload loses nothing;
 * the draft is restored on the next open and cleared once the database has it.
 *
 * Emptying a saved entry is never saved as such: the page asks whether to delete the day's entry
 * (or only its words, when voice memos keep the day) or to bring the text back, and a removal can
 * be undone. No empty draft is kept, so a day left unanswered reopens as it is stored.
 */
export function useEntryAutosave(profileId: number, date: string) {
  const [text, setText] = useState('')
  const [status, setStatus] = useState<SaveStatus>('loading')
  const [error, setError] = useState<unknown>(null)
  const [restoredDraft, setRestoredDraft] = useState(false)
  /** The stored entry, once there is one, and a counter bumped by every successful save (drives analysis). */
  const [entryId, setEntryId] = useState<number | null>(null)
  const [savedRevision, setSavedRevision] = useState(0)
  /** Bumped when the stored entry changes other than by typing (removed, restored): tags etc. read again. */
  const [entryRevision, setEntryRevision] = useState(0)
  const [removed, setRemoved] = useState<RemovedEntry | null>(null)
  /** Whether the emptied entry's day has voice memos or a mood check-in (then only its words can go). */
  const [hasMemos, setHasMemos] = useState(false)
  const [hasMood, setHasMood] = useState(false)

  const draftKey = `haru.draft.${profileId}.${date}`
  const textRef = useRef('')
  const savedTextRef = useRef('')
  const entryIdRef = useRef<number | null>(null)
  const composingRef = useRef(false)
  const timerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const inFlightRef = useRef<Promise<void> | null>(null)

  const isDirty = () => textRef.current !== savedTextRef.current

  const keepDraft = useCallback(() => {
    // An empty editor is never a draft: it would bring back a blank page over the stored text.
    if (textRef.current.trim() === '') draftStore.removeItem(draftKey)
    else if (isDirty()) draftStore.setItem(draftKey, textRef.current)
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
      draftStore.removeItem(draftKey)
      if (entryIdRef.current !== null && savedTextRef.current.trim() !== '') {
        const id = entryIdRef.current
        setStatus('emptied')
        void haruApi()
          .memos.list({ entryId: id })
          .then((m) => setHasMemos(m.length > 0), () => setHasMemos(false))
        void haruApi()
          .moods.get({ profileId, date })
          .then((m) => setHasMood(m !== null), () => setHasMood(false))
      } else setStatus('empty')
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
          draftStore.removeItem(draftKey)
          setStatus('saved')
        }
      } catch (err) {
        draftStore.setItem(draftKey, snapshot)
        setError(err)
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
        const draft = draftStore.getItem(draftKey)
        const initial = draft !== null && draft.trim() !== '' && draft !== savedTextRef.current ? draft : savedTextRef.current
        textRef.current = initial
        setText(initial)
        setRestoredDraft(initial !== savedTextRef.current)
        setStatus(entry ? 'saved' : 'idle')
        if (initial !== savedTextRef.current) schedule()
      })
      .catch((err) => {
        if (cancelled) return
        setError(err)
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

  /** Deletes the emptied entry (or clears its words when memos keep the day), keeping what undo needs. */
  const removeEntry = useCallback(async () => {
    const id = entryIdRef.current
    if (id === null) return
    setError(null)
    try {
      const api = haruApi()
      const text = savedTextRef.current
      const tags = await api.tags.get({ entryId: id })
      // Asked again now: deleting the entry would take its voice memos (and its check-in) with it.
      const keepsMemos = (await api.memos.list({ entryId: id })).length > 0
      const keepsMood = !keepsMemos && (await api.moods.get({ profileId, date })) !== null
      if (keepsMemos || keepsMood) await api.entries.clearText({ id })
      else {
        await api.entries.delete({ id })
        entryIdRef.current = null
        setEntryId(null)
      }
      savedTextRef.current = ''
      draftStore.removeItem(draftKey)
      setRemoved({ kind: keepsMemos || keepsMood ? 'cleared' : 'deleted', text, tags, entryId: id, keptBy: keepsMemos ? 'memos' : keepsMood ? 'mood' : undefined })
      setStatus('idle')
      setEntryRevision((r) => r + 1)
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [draftKey, profileId, date])

  /** Brings a removed entry back as it was (text and tags); its analysis runs again. */
  const undoRemoval = useCallback(async () => {
    if (!removed) return
    setError(null)
    try {
      const api = haruApi()
      const entry =
        removed.kind === 'deleted'
          ? await api.entries.create({ profileId, entryDate: date, text: removed.text })
          : await api.entries.update({ id: removed.entryId, text: removed.text })
      if (removed.kind === 'deleted' && removed.tags.length > 0) await api.tags.set({ entryId: entry.id, tags: removed.tags })
      entryIdRef.current = entry.id
      savedTextRef.current = entry.text
      textRef.current = entry.text
      setEntryId(entry.id)
      setText(entry.text)
      setRemoved(null)
      setStatus('saved')
      setSavedRevision((r) => r + 1)
      setEntryRevision((r) => r + 1)
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [removed, profileId, date])

  /** Puts the stored text back in the editor (the emptying was a slip). */
  const restoreText = useCallback(() => {
    clearTimeout(timerRef.current)
    textRef.current = savedTextRef.current
    setText(savedTextRef.current)
    setStatus('saved')
  }, [])

  return {
    text,
    status,
    error,
    restoredDraft,
    entryId,
    savedRevision,
    entryRevision,
    removed,
    hasMemos,
    hasMood,
    removeEntry,
    undoRemoval,
    restoreText,
    onChange(value: string) {
      textRef.current = value
      setText(value)
      if (value.trim() !== '') setRemoved(null)
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
