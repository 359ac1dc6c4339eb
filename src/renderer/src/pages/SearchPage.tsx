import { useState } from 'react'
import type { Profile } from '../../../shared/api/schemas'
import type { SearchResult } from '../../../shared/api/search-schemas'
import { CANONICAL_EMOTIONS, type CanonicalEmotion } from '../../../shared/emotions'
import { EMOTION_GLYPHS, EMOTION_LABELS } from '../../../shared/trends/emotion-style'
import type { DaySource } from '../../../shared/trends/sources'
import { haruApi } from '../api'
import { DayEmotionTag } from '../components/emotion/DayEmotionTag'
import { ErrorNotice } from '../components/ErrorNotice'
import { MemoMark } from '../components/MemoMark'
import { SourceFilter } from '../components/trends/SourceFilter'
import { TagFilter } from '../components/trends/TagFilter'
import { useI18n } from '../i18n/I18nProvider'
import { cx, ui } from '../ui/ui'
import styles from './SearchPage.module.css'

const PAGE = 30

/**
 * Finds entries by any Korean word or part of one (text and voice-memo transcripts), by filters
 * alone (every 기쁨 day, a tag, some dates), or both. Clearing the word clears the results.
 */
export function SearchPage({ profile, onOpen }: { profile: Profile; onOpen(date: string): void }) {
  const { t, locale, formatDate } = useI18n()
  const [query, setQuery] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [emotion, setEmotion] = useState<CanonicalEmotion | ''>('')
  const [source, setSource] = useState<DaySource>('text')
  const [tag, setTag] = useState('')
  const [result, setResult] = useState<SearchResult | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const names = EMOTION_LABELS[locale]
  const filtered = Boolean(from || to || emotion || tag)
  const ready = query.trim() !== '' || filtered

  const run = async (offset = 0) => {
    if (!ready) return
    setBusy(true)
    setError(null)
    try {
      const next = await haruApi().search.entries({
        profileId: profile.id,
        query,
        source,
        limit: PAGE,
        offset,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(emotion ? { emotion } : {}),
        ...(tag ? { tag } : {})
      })
      setResult((prev) => (offset > 0 && prev ? { ...next, hits: [...prev.hits, ...next.hits] } : next))
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  const changeQuery = (value: string) => {
    setQuery(value)
    // The results belong to the word that was searched: clearing it clears them.
    if (value.trim() === '') {
      setResult(null)
      setError(null)
    }
  }

  return (
    <section className={styles.search} aria-labelledby="search-heading" data-testid="search-page">
      <h1 id="search-heading">{t('search.title')}</h1>
      <form
        role="search"
        className={cx(ui.card, styles.form)}
        onSubmit={(e) => {
          e.preventDefault()
          void run()
        }}
      >
        <div className={styles.box}>
          <input type="search" className={cx(ui.input, styles.query)} aria-label={t('search.query')} placeholder={t('search.placeholder')} value={query} onChange={(e) => changeQuery(e.target.value)} />
          <button type="submit" className={ui.primary} disabled={busy || !ready}>
            {t('search.submit')}
          </button>
        </div>
        <div className={ui.filters}>
          <label className={ui.filter} htmlFor="search-from">
            <span>{t('trends.from')}</span>
            <input id="search-from" className={ui.input} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className={ui.filter} htmlFor="search-to">
            <span>{t('trends.to')}</span>
            <input id="search-to" className={ui.input} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <label className={ui.filter} htmlFor="search-emotion">
            <span>{t('search.emotion')}</span>
            <select id="search-emotion" value={emotion} onChange={(e) => setEmotion(e.target.value as CanonicalEmotion | '')}>
              <option value="">{t('search.anyEmotion')}</option>
              {CANONICAL_EMOTIONS.map((e) => (
                <option key={e} value={e}>
                  {EMOTION_GLYPHS[e]} {names[e]}
                </option>
              ))}
            </select>
          </label>
          {emotion && <SourceFilter id="search-source" value={source} onChange={setSource} />}
          <TagFilter id="search-tag" profileId={profile.id} value={tag} onChange={setTag} />
        </div>
        <p className={ui.mutedSmall}>{t('search.filtersHelp')}</p>
      </form>

      <ErrorNotice error={error} action={t('search.failed')} />
      {result && (
        <p role="status" className={ui.muted} data-testid="search-count" data-total={result.total} data-mode={result.mode}>
          {result.total > 0 ? t('search.results', { count: result.total }) : t(result.terms.length > 0 ? 'search.none' : 'search.noneFiltered')}
        </p>
      )}
      <ul className={styles.results} data-testid="search-results">
        {result?.hits.map((hit) => (
          <li key={hit.entryId} data-date={hit.entryDate}>
            <button type="button" className={styles.hit} onClick={() => onOpen(hit.entryDate)}>
              <span className={styles.meta}>
                <strong>{formatDate(hit.entryDate)}</strong>
                {hit.dominant && <DayEmotionTag emotion={hit.dominant} share={hit.share} />}
                {hit.matchedIn.includes('transcript') && <MemoMark count={1} label={t('search.inTranscript')} />}
                {hit.tags.map((tag) => (
                  <span key={tag}>#{tag}</span>
                ))}
              </span>
              <span>
                {hit.snippet.cutStart && '…'}
                {hit.snippet.parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
                {hit.snippet.cutEnd && '…'}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {result && result.hits.length < result.total && (
        <button type="button" onClick={() => void run(result.hits.length)} disabled={busy}>
          {t('search.more')}
        </button>
      )}
    </section>
  )
}
