import type { CalibrationSummary } from '../../../../shared/api/calibration-schemas'
import { useI18n } from '../../i18n/I18nProvider'
import styles from './BaselineChart.module.css'
import { ui } from '../../ui/ui'

const LIMIT = 3
const W = 520
const H = 180
const PAD = { left: 34, right: 8, top: 10, bottom: 26 }

/** How far this voice's mean sits from the default's, per coefficient, in units of the default's std. */
export function voiceDifference(baseline: { mean: number[] }, reference: { mean: number[]; std: number[] }): number[] {
  return baseline.mean.map((m, k) => (m - reference.mean[k]!) / reference.std[k]!)
}

/**
 * Thirteen bars, one per MFCC coefficient: 0 is "the same as the default voice", ±1 one standard
 * deviation of the default away. A table with the same numbers follows for screen readers.
 */
export function BaselineChart({ baseline, reference }: { baseline: { mean: number[] }; reference: NonNullable<CalibrationSummary['reference']> }) {
  const { t } = useI18n()
  const diff = voiceDifference(baseline, reference)
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const y = (v: number) => PAD.top + plotH / 2 - (Math.max(-LIMIT, Math.min(LIMIT, v)) / LIMIT) * (plotH / 2)
  const slot = plotW / diff.length
  const referenceName = t(`voice.kind.${reference.kind}`)
  return (
    <figure className={styles.chart}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="baseline-chart-caption" data-testid="baseline-chart">
        {[-2, -1, 0, 1, 2].map((g) => (
          <g key={g}>
            <line className={g === 0 ? styles.axis : styles.grid} x1={PAD.left} x2={W - PAD.right} y1={y(g)} y2={y(g)} />
            <text className={styles.tick} x={PAD.left - 6} y={y(g) + 4} textAnchor="end">
              {g > 0 ? `+${g}` : g}
            </text>
          </g>
        ))}
        {diff.map((d, k) => {
          const top = Math.min(y(0), y(d))
          return (
            <g key={k}>
              <rect data-bar={k} className={d >= 0 ? styles.up : styles.down} x={PAD.left + k * slot + slot * 0.2} width={slot * 0.6} y={top} height={Math.max(1, Math.abs(y(d) - y(0)))} />
              <text className={styles.tick} x={PAD.left + (k + 0.5) * slot} y={H - 8} textAnchor="middle">
                {k}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption id="baseline-chart-caption" className={ui.mutedSmall}>
        {t('voice.chart.caption', { reference: referenceName })}
      </figcaption>
      {/* The chart's terms (coefficient, standard deviation) in plain words, for anyone who asks. */}
      <details className={styles.explain}>
        <summary>{t('voice.chart.explainTitle')}</summary>
        <p>{t('voice.chart.explain', { reference: referenceName })}</p>
      </details>
      <table className={ui.visuallyHidden}>
        <caption>{t('voice.chart.tableCaption', { reference: referenceName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('voice.chart.coefficient')}</th>
            <th scope="col">{t('voice.chart.difference')}</th>
          </tr>
        </thead>
        <tbody>
          {diff.map((d, k) => (
            <tr key={k}>
              <td>{k}</td>
              <td>{d.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
