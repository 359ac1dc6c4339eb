/**
 * Where the editor mirrors unsaved text (useEntryAutosave): localStorage in a plain diary, so a
 * crash or a refused save loses nothing. In an encrypted diary localStorage would be a plain copy
 * of the diary on disk (Electron keeps it under the same user-data folder), so drafts then live
 * in this page's memory only, and are dropped when the diary locks. Turning the lock on moves any
 * drafts already on disk into memory and deletes them from disk.
 */
const DRAFT_PREFIX = 'haru.draft.'
let persisted = true
const memory = new Map<string, string>()

export const draftStore = {
  getItem: (key: string): string | null => (persisted ? localStorage.getItem(key) : (memory.get(key) ?? null)),
  setItem: (key: string, value: string): void => {
    if (persisted) localStorage.setItem(key, value)
    else memory.set(key, value)
  },
  removeItem: (key: string): void => {
    if (persisted) localStorage.removeItem(key)
    else memory.delete(key)
  }
}

/** Called by the lock gate with the folder's state: encrypted → drafts in memory only. */
export function setDiaryEncrypted(encrypted: boolean): void {
  if (encrypted === !persisted) return
  persisted = !encrypted
  if (!encrypted) {
    for (const [k, v] of memory) localStorage.setItem(k, v)
    memory.clear()
    return
  }
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const key = localStorage.key(i)
    if (!key?.startsWith(DRAFT_PREFIX)) continue
    memory.set(key, localStorage.getItem(key) ?? '')
    localStorage.removeItem(key)
  }
}

/** The diary locked: nothing of it stays in the page. */
export function forgetDrafts(): void {
  memory.clear()
}
