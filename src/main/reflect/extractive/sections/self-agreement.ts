import type { SectionOf } from '../../../../shared/api/reflections-schemas'
import type { SectionProvider } from '../../reflector'
import * as T from '../templates'

/**
 * The writer's own check-ins against each reading over the period (only when there are check-ins):
 * the share of days whose dominant emotion matches, per reading that exists on those days.
 */
export const selfAgreementSection: SectionProvider = {
  kind: 'selfAgreement',
  build(m): SectionOf<'selfAgreement'> | null {
    const { checkIns, sources } = m.selfAgreement
    if (checkIns === 0) return null
    const read = sources.filter((s) => s.days > 0).map(({ source, days, agreeing }) => ({ source, days, agreeing }))
    const statements = [T.selfAgreement.basis(checkIns)]
    if (read.length === 0) statements.push(T.selfAgreement.noReadings)
    else statements.push(...read.map((s) => T.selfAgreement.source(s.source, s.agreeing, s.days)))
    return { kind: 'selfAgreement', title: T.selfAgreement.title, statements, checkIns, sources: read }
  }
}
