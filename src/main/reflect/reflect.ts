import type { DomainHandlers } from '../../shared/api/contract'
import type { DuePeriod, Reflection } from '../../shared/api/reflections-schemas'
import { HaruApiError } from '../../shared/api/errors'
import { parsePeriodKey, periodsEndedYesterday } from '../../shared/reflect/period'
import type { HandlerContext } from '../api/handlers'
import type { Db } from '../db/open'
import { getProfile } from '../repos/profiles'
import { createExtractiveReflector } from './extractive/reflector'
import { readReflectionMaterial, type ReflectionSource } from './material'
import type { Reflector } from './reflector'

const extractive = createExtractiveReflector()
/** The reflector Haru uses. A local language model would be chosen here (see reflector.ts). */
const shippedReflector: Reflector = extractive

function materialFor(db: Db, profileId: number, periodKey: string, source: ReflectionSource) {
  const period = parsePeriodKey(periodKey)
  if (!period) throw new HaruApiError('invalid-input', `"${periodKey}" is not a week like 2026-W48 or a month like 2026-11`)
  getProfile(db, profileId)
  return readReflectionMaterial(db, profileId, period, source)
}

/** The reflection of one week (`2026-W48`) or month (`2026-11`) of a profile's diary. */
export async function reflect(db: Db, profileId: number, periodKey: string, source: ReflectionSource = 'text', reflector = shippedReflector): Promise<Reflection> {
  return reflector.reflect(materialFor(db, profileId, periodKey, source))
}

/**
 * The extractive reflection, synchronously: for the Markdown export, which writes month files in
 * one synchronous pass. (A generative reflector would make the export asynchronous.)
 */
export function extractiveReflection(db: Db, profileId: number, periodKey: string, source: ReflectionSource = 'text'): Reflection {
  return extractive.reflect(materialFor(db, profileId, periodKey, source))
}

/** The week and/or month that ended yesterday, when the writer wrote in it. */
export function duePeriods(db: Db, profileId: number, today: string): DuePeriod[] {
  getProfile(db, profileId)
  const count = db.prepare('SELECT count(*) AS n FROM entries WHERE profile_id = ? AND entry_date BETWEEN ? AND ?')
  return periodsEndedYesterday(today).flatMap((p) => {
    const { n } = count.get(profileId, p.from, p.to) as { n: number }
    return n > 0 ? [{ ...p, entryDays: n }] : []
  })
}

export const reflectionsHandlers: DomainHandlers<'reflections', HandlerContext> = {
  get: ({ profileId, period, source }, { db }) => reflect(db, profileId, period, source),
  due: ({ profileId, today }, { db }) => duePeriods(db, profileId, today)
}
