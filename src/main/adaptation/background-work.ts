import type { Db } from '../db/open'

/**
 * The per-profile background work of adaptation (a pending retraining, a training in flight), kept
 * per open database (reading the diary again is the analysis queue's work) so that every transport's service has its own,
 * and so tests and the Settings page can wait for it or show that it runs.
 */
export interface ProfileWork {
  /** A retraining waiting for the writer to stop correcting, and the promise of its whole run. */
  scheduled?: { timer: ReturnType<typeof setTimeout>; done: Promise<void>; release: () => void }
  training?: Promise<boolean>
}

const works = new WeakMap<Db, Map<number, ProfileWork>>()

export function profileWork(db: Db, profileId: number): ProfileWork {
  let byProfile = works.get(db)
  if (!byProfile) works.set(db, (byProfile = new Map()))
  let w = byProfile.get(profileId)
  if (!w) byProfile.set(profileId, (w = {}))
  return w
}

export function adaptationBusy(db: Db, profileId: number): boolean {
  const w = works.get(db)?.get(profileId)
  return Boolean(w && (w.scheduled || w.training))
}

/** Resolves once no profile of this database has adaptation work pending (tests; closing). */
export async function adaptationIdle(db: Db): Promise<void> {
  for (;;) {
    const pending = [...(works.get(db)?.values() ?? [])].flatMap((w) => [w.scheduled?.done, w.training]).filter(Boolean)
    if (pending.length === 0) return
    await Promise.allSettled(pending)
  }
}
