import type { SectionOf } from '../../../../shared/api/reflections-schemas'
import { EMOTION_ICONS, emotionColor } from '../../../../shared/trends/emotion-style'
import { useColorScheme } from '../../hooks/useColorScheme'
import { useI18n } from '../../i18n/I18nProvider'
import styles from './MomentsView.module.css'
import { ui } from '../../ui/ui'

/** Each leading feeling with its quotes: the writer's sentences exactly as written, each linked to its day. */
export function MomentsView({ section, onOpen }: { section: SectionOf<'moments'>; onOpen(date: string): void }) {
  const { t, locale, formatDate } = useI18n()
  const scheme = useColorScheme()
  const [method, ...perGroup] = section.statements
  return (
    <div data-testid="reflection-moments">
      {method && <p className={ui.mutedSmall}>{method[locale]}</p>}
      {section.groups.map((g, i) => (
        <section key={g.emotion} className={styles.group} data-emotion={g.emotion} aria-label={perGroup[i]?.[locale]}>
          <h3 className={styles.groupTitle}>
            <span aria-hidden="true">{EMOTION_ICONS[g.emotion]}</span> {perGroup[i]?.[locale]}
          </h3>
          <ul className={styles.quotes}>
            {g.quotes.map((q) => (
              <li key={`${q.entryId}:${q.start}`} data-date={q.date} data-entry-id={q.entryId} style={{ borderColor: emotionColor(g.emotion, scheme) }}>
                <blockquote className={styles.quote} lang="ko">
                  {q.text}
                </blockquote>
                <button type="button" className={ui.link} aria-label={t('reflection.openDay', { date: formatDate(q.date) })} onClick={() => onOpen(q.date)}>
                  {formatDate(q.date)} ›
                </button>
                {q.readBy === 'writer' && <span className={ui.mutedSmall}> · {t('reflection.byWriter')}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}
