/**
 * Items the queue leaves alone for now: ones the writer just saved (the page analyses them itself,
 * so the queue waits a quiet time), and ones the analysis process failed on more than once this
 * session (tried again after a restart, or when the writer asks).
 */
import type { Held, Target } from './currency'

/** The same item failing transiently this often is left for the next session. */
const MAX_TRANSIENT_PER_ITEM = 2

export const itemKey = (item: { kind: Target; id: number }): string => `${item.kind}:${item.id}`

export class Holds {
  private readonly touched = new Map<string, number>()
  private readonly transient = new Map<string, number>()

  constructor(
    private readonly quietMs: number,
    private readonly now: () => number
  ) {}

  touch(item: { kind: Target; id: number }): void {
    this.touched.set(itemKey(item), this.now())
  }

  isTouched(item: { kind: Target; id: number }): boolean {
    const at = this.touched.get(itemKey(item))
    return at !== undefined && at >= this.now() - this.quietMs
  }

  /** When the oldest save still held stops being held (ms), or null when none is. */
  nextExpiry(): number | null {
    let oldest: number | null = null
    const since = this.now() - this.quietMs
    for (const [key, at] of this.touched) {
      if (at < since) this.touched.delete(key)
      else if (oldest === null || at < oldest) oldest = at
    }
    return oldest === null ? null : oldest + this.quietMs
  }

  /** The writer's saves no longer matter (models or baseline changed: the page's analysis was for the old ones). */
  forgetTouched(): void {
    this.touched.clear()
  }

  failedTransiently(item: { kind: Target; id: number }): void {
    const key = itemKey(item)
    this.transient.set(key, (this.transient.get(key) ?? 0) + 1)
  }

  forgetTransient(): void {
    this.transient.clear()
  }

  /** What to hold back in the pending queries now. */
  held(): Held {
    const held: Held = { entries: [], memos: [] }
    const since = this.now() - this.quietMs
    for (const [key, at] of this.touched) if (at < since) this.touched.delete(key)
    const keys = [...this.touched.keys(), ...[...this.transient].filter(([, n]) => n >= MAX_TRANSIENT_PER_ITEM).map(([k]) => k)]
    for (const key of keys) {
      const [kind, id] = key.split(':') as [Target, string]
      ;(kind === 'entry' ? held.entries : held.memos).push(Number(id))
    }
    return held
  }
}
