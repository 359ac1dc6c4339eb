import { useEffect, useLayoutEffect, useMemo, useState } from 'react'
import type { Profile } from '../../../shared/api/schemas'
import type { Disagreement, Streak, TrendDay, TrendSummary } from '../../../shared/api/trends-schemas'
import { addDays, localIsoDate } from '../../../shared/dates'
import { isoWeekKey, parsePeriodKey } from '../../../shared/reflect/period'
import { periodNameEn, periodNameKo } from '../../../shared/reflect/phrases'
import {
  chooseBucket,
  defaultRangePreset,
  monthKey,
  monthRange,
  presetRange,
  RANGE_PRESETS,
  shiftMonth,
  yearRange,
  type DateRange,
  type RangePreset,
  type TrendBucket
} from '../../../shared/trends/date-ranges'
import type { DaySource } from '../../../shared/trends/sources'
import { haruApi } from '../api'
import { ErrorNotice } from '../components/ErrorNotice'
import { useAnalysisRevision } from '../analysis-queue/revision'
import { DistributionChart } from '../components/trends/DistributionChart'
import { EmotionLegend } from '../components/trends/EmotionLegend'
import { EmotionLines } from '../components/trends/EmotionLines'
import { MonthCalendar } from '../components/trends/MonthCalendar'
import { StreakCounter } from '../components/trends/StreakCounter'
import { TagFilter } from '../components/trends/TagFilter'
import { SourceFilter } from '../components/trends/SourceFilter'
import { WordsVsVoice } from '../components/trends/WordsVsVoice'
import { ReadsMe } from '../components/trends/ReadsMe'
import { YearPixels } from '../components/trends/YearPixels'
import { useI18n } from '../i18n/I18nProvider'
import { cx, ui } from '../ui/ui'
import styles from './TrendsPage.module.css'

type Preset = RangePreset | 'custom'
const BUCKET_ORDER: readonly TrendBucket[] = ['day', 'week', 'month', 'year']

/**
 * The emotional month at a glance (calendar), the year in pixels, weekly/monthly distributions,
 * one line per emotion and the words-vs-voice days, for the open profile. Every figure is an SQL
 * aggregate from the main process; the page only asks for ranges.
 */
export function TrendsPage({ profile, onOpen, onReflect }: { profile: Profile; onOpen(date: string): void; onReflect?(period: string): void }) {
  const { t, formatDate, locale } = useI18n()
  const today = localIsoDate()
  // In a month's first days "this month" is nearly empty: open on the last 30 days then.
  const [preset, setPreset] = useState<Preset>(() => defaultRangePreset(today))
  const [custom, setCustom] = useState<DateRange>(() => presetRange('3months', today))
  const [source, setSource] = useState<DaySource>('text')
  const [tag, setTag] = useState('')
  const [month, setMonth] = useState(monthKey(today))
  const [distBucket, setDistBucket] = useState<'week' | 'month'>('week')
  const [streak, setStreak] = useState<Streak | null>(null)
  const [lines, setLines] = useState<TrendSummary | null>(null)
  const [distribution, setDistribution] = useState<TrendSummary | null>(null)
  const [monthDays, setMonthDays] = useState<TrendDay[]>([])
  // null until the first answer: the year's calendar is drawn once, with its days, not empty first.
  const [yearDays, setYearDays] = useState<TrendDay[] | null>(null)
  const [disagreements, setDisagreements] = useState<Disagreement[]>([])
  const [error, setError] = useState<unknown>(null)

  const computed = preset === 'custom' ? custom : presetRange(preset, today, streak?.firstEntryDate)
  // Keyed by value: the streak's arrival recomputes the range, and a new but equal object would
  // fetch every chart's data a second time and throw the first answers away.
  const range = useMemo<DateRange>(() => ({ from: computed.from, to: computed.to }), [computed.from, computed.to])
  const validRange = range.from <= range.to
  // A new revision (the background queue analysed something) makes every query below run again.
  const analysed = useAnalysisRevision()
  const filters = useMemo(() => ({ profileId: profile.id, source, ...(tag ? { tag } : {}) }), [profile.id, source, tag, analysed])
  const year = Number(month.slice(0, 4))
  // Weekly bars stop being readable over years: never finer than the range's own bucket.
  const lineBucket = chooseBucket(range)
  const distEffective = BUCKET_ORDER.indexOf(lineBucket) > BUCKET_ORDER.indexOf(distBucket) ? lineBucket : distBucket
  const fail = (err: unknown) => setError(err)

  // The month calendar follows the end of the chosen range (a range in spring shows spring).
  useEffect(() => {
    if (range.from <= range.to) setMonth(monthKey(range.to))
  }, [range.from, range.to])

  // The requests go out from layout effects, before the charts' passive effects draw their empty
  // frames (≈ 150 ms on first open): same requests, sent that much earlier.
  useLayoutEffect(() => {
    haruApi().trends.streak({ profileId: profile.id, today }).then(setStreak).catch(fail)
  }, [profile.id, today])

  useLayoutEffect(() => {
    if (!validRange) return
    let live = true
    const api = haruApi().trends
    Promise.all([
      api.summary({ ...filters, ...range, bucket: lineBucket }),
      api.summary({ ...filters, ...range, bucket: distEffective }),
      api.disagreements({ profileId: profile.id, ...range, limit: 8, ...(tag ? { tag } : {}) })
    ])
      .then(([l, d, w]) => {
        if (!live) return
        setLines(l)
        setDistribution(d)
        setDisagreements(w)
        setError(null)
      })
      .catch(fail)
    return () => {
      live = false
    }
  }, [filters, range, lineBucket, distEffective, validRange, profile.id, tag])

  useLayoutEffect(() => {
    let live = true
    haruApi()
      .trends.days({ ...filters, ...monthRange(month) })
      .then((d) => live && setMonthDays(d))
      .catch(fail)
    return () => {
      live = false
    }
  }, [filters, month])

  useLayoutEffect(() => {
    let live = true
    haruApi()
      .trends.days({ ...filters, ...yearRange(year) })
      .then((d) => live && setYearDays(d))
      .catch(fail)
    return () => {
      live = false
    }
  }, [filters, year])

  return (
    <section className={styles.trends} aria-labelledby="trends-heading" data-testid="trends-page" data-range-from={range.from} data-range-to={range.to}>
      <h1 id="trends-heading" className={styles.title}>
        {t('trends.title')}
      </h1>

      <div className={cx(ui.filters, ui.card)} role="group" aria-label={t('trends.filters')}>
        <label className={ui.filter} htmlFor="trends-range">
          <span>{t('trends.range')}</span>
          <select id="trends-range" data-testid="range-select" value={preset} onChange={(e) => setPreset(e.target.value as Preset)}>
            {RANGE_PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`trends.range.${p}`)}
              </option>
            ))}
            <option value="custom">{t('trends.range.custom')}</option>
          </select>
        </label>
        {preset === 'custom' && (
          <>
            <label className={ui.filter} htmlFor="trends-from">
              <span>{t('trends.from')}</span>
              <input id="trends-from" className={ui.input} type="date" value={custom.from} max={today} onChange={(e) => e.target.value && setCustom((c) => ({ ...c, from: e.target.value }))} />
            </label>
            <label className={ui.filter} htmlFor="trends-to">
              <span>{t('trends.to')}</span>
              <input id="trends-to" className={ui.input} type="date" value={custom.to} max={today} onChange={(e) => e.target.value && setCustom((c) => ({ ...c, to: e.target.value }))} />
            </label>
          </>
        )}
        <SourceFilter id="trends-source" value={source} onChange={setSource} />
        <TagFilter id="trends-tag" profileId={profile.id} value={tag} onChange={setTag} />
      </div>

      <ErrorNotice error={error} action={t('error.loadFailedShort')} />
      {!validRange && (
        <p role="alert" className={styles.bad}>
          {t('trends.badRange')}
        </p>
      )}

      {streak && <StreakCounter streak={streak} />}
      <EmotionLegend />

      <div className={ui.card}>
        <MonthCalendar
          month={month}
          days={monthDays}
          today={today}
          prevMonth={shiftMonth(month, -1)}
          nextMonth={shiftMonth(month, 1)}
          onMonthChange={setMonth}
          onOpen={onOpen}
        />
      </div>

      {onReflect && (
        <p data-testid="reflection-links" className={ui.actions}>
          <button type="button" className={ui.link} onClick={() => onReflect(month)}>
            {t('reflection.monthOf', { month: (locale === 'ko' ? periodNameKo : periodNameEn)(parsePeriodKey(month)!) })}
          </button>
          <button type="button" className={ui.link} onClick={() => onReflect(isoWeekKey(addDays(today, -7)))}>
            {t('reflection.lastWeek')}
          </button>
        </p>
      )}

      <div className={ui.card}>
        {yearDays && <YearPixels year={year} days={yearDays} onOpen={onOpen} />}
      </div>

      {lines && distribution && (
        <>
          <p className={styles.summary} role="status" data-testid="range-summary">
            {lines.totals.days > 0
              ? t('trends.summary', { from: formatDate(range.from), to: formatDate(range.to), days: lines.totals.days })
              : t('trends.empty')}
          </p>
          <div className={ui.card}>
            <h2 className={ui.heading}>{t('trends.distribution')}</h2>
            <div className={styles.toggle} role="group" aria-label={t('trends.distribution')}>
              {(['week', 'month'] as const).map((b) => (
                <button key={b} type="button" aria-pressed={distBucket === b} onClick={() => setDistBucket(b)}>
                  {t(b === 'week' ? 'trends.byWeek' : 'trends.byMonth')}
                </button>
              ))}
            </div>
            <DistributionChart summary={distribution} />
          </div>
          <div className={ui.card}>
            <h2 className={ui.heading}>{t('trends.lines')}</h2>
            <EmotionLines summary={lines} />
          </div>
        </>
      )}

      <div className={ui.card}>
        <WordsVsVoice days={disagreements} onOpen={onOpen} />
      </div>

      <div className={ui.card}>
        <ReadsMe profileId={profile.id} from={range.from} to={range.to} tag={tag} />
      </div>
    </section>
  )
}
