import { useState } from 'react'
import type { Profile } from '../../../shared/api/schemas'
import type { SearchResult } from '../../../shared/api/search-schemas'
import { CANONICAL_EMOTIONS, type CanonicalEmotion } from '../../../shared/emotions'
import { EMOTION_ICONS, EMOTION_LABELS } from '../../../shared/trends/emotion-style'
import type { AnalysisSource } from '../../../shared/trends/sources'
import { errorMessage, haruApi } from '../api'
import { TagFilter } from '../components/trends/TagFilter'
import { SourceFilter } from '../components/trends/SourceFilter'
import '../components/trends/trends.css'
import { useI18n } from '../i18n/I18nProvider'

const PAGE = 30

/** Finds entries by any Korean word or part of one (text and voice-memo transcripts), with filters. */
export function SearchPage({ profile, onOpen }: { profile: Profile; onOpen(date: string): void }) {
  const { t, locale, formatDate } = useI18n()
  const [query, setQuery] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [emotion, setEmotion] = useState<CanonicalEmotion | ''>('')
  const [source, setSource] = useState<AnalysisSource>('text')
  const [tag, setTag] = useState('')
  const [result, setResult] = useState<SearchResult | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const names = EMOTION_LABELS[locale]

  const run = async (offset = 0) => {
    if (!query.trim()) return
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
      setError(t('error.generic', { message: errorMessage(err) }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="search" aria-labelledby="search-heading" data-testid="search-page">
      <h1 id="search-heading">{t('search.title')}</h1>
      <form
        role="search"
        className="card"
        onSubmit={(e) => {
          e.preventDefault()
          void run()
        }}
      >
        <div className="search-box">
          <input type="search" aria-label={t('search.query')} placeholder={t('search.placeholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
          <button type="submit" className="primary" disabled={busy || !query.trim()}>
            {t('search.submit')}
          </button>
        </div>
        <div className="filters">
          <label className="filter" htmlFor="search-from">
            <span>{t('trends.from')}</span>
            <input id="search-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="filter" htmlFor="search-to">
            <span>{t('trends.to')}</span>
            <input id="search-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <label className="filter" htmlFor="search-emotion">
            <span>{t('search.emotion')}</span>
            <select id="search-emotion" value={emotion} onChange={(e) => setEmotion(e.target.value as CanonicalEmotion | '')}>
              <option value="">{t('search.anyEmotion')}</option>
              {CANONICAL_EMOTIONS.map((e) => (
                <option key={e} value={e}>
                  {EMOTION_ICONS[e]} {names[e]}
                </option>
              ))}
            </select>
          </label>
          {emotion && <SourceFilter id="search-source" value={source} onChange={setSource} />}
          <TagFilter id="search-tag" profileId={profile.id} value={tag} onChange={setTag} />
        </div>
      </form>

      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {result && (
        <p role="status" className="muted" data-testid="search-count" data-total={result.total} data-mode={result.mode}>
          {result.total > 0 ? t('search.results', { count: result.total }) : t('search.none')}
        </p>
      )}
      <ul className="search-results" data-testid="search-results">
        {result?.hits.map((hit) => (
          <li key={hit.entryId} data-date={hit.entryDate}>
            <button type="button" className="search-hit" onClick={() => onOpen(hit.entryDate)}>
              <span className="search-meta">
                <strong>{formatDate(hit.entryDate)}</strong>
                {hit.dominant && (
                  <span>
                    {EMOTION_ICONS[hit.dominant]} {names[hit.dominant]}
                  </span>
                )}
                {hit.matchedIn.includes('transcript') && <span>🎙️ {t('search.inTranscript')}</span>}
                {hit.tags.map((tag) => (
                  <span key={tag}>#{tag}</span>
                ))}
              </span>
              <span className="search-snippet">
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
