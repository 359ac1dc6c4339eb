import type { SectionOf } from '../../../../shared/api/reflections-schemas'
import { CANONICAL_EMOTIONS } from '../../../../shared/emotions'
import { PERIOD_WORDS, pct } from '../../../../shared/reflect/phrases'
import type { PeriodKind } from '../../../../shared/reflect/period'
import { EMOTION_ICONS, EMOTION_LABELS, emotionColor } from '../../../../shared/trends/emotion-style'
import { useColorScheme } from '../../hooks/useColorScheme'
import { useI18n } from '../../i18n/I18nProvider'
import styles from './MixView.module.css'

/** The period's mix as one bar per feeling (icon and name beside every colour), with the period before. */
export function MixView({ section, kind }: { section: SectionOf<'mix'>; kind: PeriodKind }) {
  const { t, locale } = useI18n()
  const scheme = useColorScheme()
  const { mix, previousMix } = section
  if (!mix) return null
  const rows = CANONICAL_EMOTIONS.filter((e) => pct(mix[e]) > 0).sort((a, b) => mix[b] - mix[a])
  return (
    <ul className={styles.bars} data-testid="reflection-mix">
      {rows.map((e) => (
        <li key={e} className={styles.row} data-emotion={e} data-share={pct(mix[e])}>
          <span className={styles.name}>
            <span aria-hidden="true">{EMOTION_ICONS[e]}</span> {EMOTION_LABELS[locale][e]}
          </span>
          <span className={styles.track} aria-hidden="true">
            <span className={styles.fill} style={{ width: `${pct(mix[e])}%`, backgroundColor: emotionColor(e, scheme) }} />
          </span>
          <span className={styles.value}>{pct(mix[e])}%</span>
          {previousMix && (
            <span className={styles.before}>{t('reflection.before', { previous: PERIOD_WORDS[kind][locale].previous, pct: pct(previousMix[e]) })}</span>
          )}
        </li>
      ))}
    </ul>
  )
}
