import type { Localized, ReflectionSection, SectionOf } from '../../../../shared/api/reflections-schemas'
import type { PeriodKind } from '../../../../shared/reflect/period'
import { EMOTION_ICONS } from '../../../../shared/trends/emotion-style'
import { useI18n } from '../../i18n/I18nProvider'
import { MixView } from './MixView'
import { MomentsView } from './MomentsView'
import styles from './SectionView.module.css'
import { ui } from '../../ui/ui'

function Statements({ items }: { items: readonly Localized[] }) {
  const { locale } = useI18n()
  return (
    <ul className={styles.statements}>
      {items.map((s, i) => (
        <li key={i}>{s[locale]}</li>
      ))}
    </ul>
  )
}

/** Each claim with the days behind it; the remaining statements (basis, caveat) after them. */
function AssociationsView({ section }: { section: SectionOf<'associations'> }) {
  const { t, locale } = useI18n()
  const claims = section.statements.slice(0, section.items.length)
  return (
    <>
      <ul className={styles.claims} data-testid="reflection-associations">
        {section.items.map((a, i) => (
          <li key={`${a.kind}:${a.key}`} data-kind={a.kind} data-key={a.key} data-days={a.days} data-emotion={a.emotion} data-points={a.points}>
            <span className={styles.evidence}>{t('reflection.daysEvidence', { count: a.days })}</span>
            <span aria-hidden="true">{EMOTION_ICONS[a.emotion]}</span> {claims[i]?.[locale]}
          </li>
        ))}
      </ul>
      <Statements items={section.statements.slice(section.items.length)} />
    </>
  )
}

function WordsVsVoiceView({ section, onOpen }: { section: SectionOf<'wordsVsVoice'>; onOpen(date: string): void }) {
  const { t, locale, formatDate } = useI18n()
  const [basis, ...rest] = section.statements
  return (
    <>
      {basis && <p>{basis[locale]}</p>}
      <ul className={styles.statements} data-testid="reflection-words-vs-voice">
        {section.days.length === 0
          ? rest.map((s, i) => <li key={i}>{s[locale]}</li>)
          : section.days.map((d, i) => (
              <li key={d.date} data-date={d.date}>
                {rest[i]?.[locale]}{' '}
                <button type="button" className={ui.link} aria-label={t('reflection.openDay', { date: formatDate(d.date) })} onClick={() => onOpen(d.date)}>
                  ›
                </button>
              </li>
            ))}
      </ul>
    </>
  )
}

/**
 * One section: its title and statements, and for the kinds the page knows, their figures. A kind
 * added later (a check-in agreement, say) shows as title and statements until it gets its own view.
 */
export function SectionView({ section, kind, onOpen }: { section: ReflectionSection; kind: PeriodKind; onOpen(date: string): void }) {
  const { locale } = useI18n()
  const id = `reflection-${section.kind}`
  return (
    <section className={styles.card} aria-labelledby={id} data-section={section.kind}>
      <h2 id={id} className={styles.title}>
        {section.title[locale]}
      </h2>
      {section.kind === 'mix' ? (
        <>
          <Statements items={section.statements} />
          <MixView section={section} kind={kind} />
        </>
      ) : section.kind === 'moments' ? (
        <MomentsView section={section} onOpen={onOpen} />
      ) : section.kind === 'associations' ? (
        <AssociationsView section={section} />
      ) : section.kind === 'wordsVsVoice' ? (
        <WordsVsVoiceView section={section} onOpen={onOpen} />
      ) : (
        <Statements items={section.statements} />
      )}
    </section>
  )
}
