/**
 * Trends, search and tags. Append-only like every migration: this text is checksummed, so it must
 * not change once shipped; the emotion list is spelt out here (not imported) for that reason.
 *
 * - `entry_tags`: free tags on entries (normalised by `src/shared/trends/tags.ts` before storing).
 * - `analysis_daily`: one row per (entry, source) with the day's combined emotion, denormalised
 *   (profile, date, dominant, one column per emotion) and clustered on (profile, source, date) so
 *   every trend query is an index range scan with plain SQL aggregates. It is maintained by
 *   TRIGGERS on `analyses` and `voice_memos`, so any writer (the `insertAnalysis` repo function,
 *   the importer, a test inserting raw SQL) keeps it exact. Combination rule for a day and source:
 *   take the current analysis (newest `created_at`, then highest id) of that source for the entry
 *   itself and for each of its voice memos, ignoring rows whose `canonical_json` is not an object
 *   with a positive total; average their canonical distributions with equal weight; the dominant
 *   emotion is the largest mean, ties going to the earlier emotion in canonical order (as
 *   `dominantEmotion` in `src/shared/emotions.ts` does).
 * - `entry_search`: FTS5 trigram index over each entry's text and its memos' transcripts (rowid =
 *   entry id), contentless with delete support so the text is not stored twice; kept in sync by
 *   triggers on `entries` and `voice_memos`.
 */

const EMOTIONS = ['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'SURPRISE', 'NEUTRAL'] as const
const col = (e: string): string => `p_${e.toLowerCase()}`
const PROB_COLUMNS = EMOTIONS.map(col).join(', ')

/** A stored canonical distribution counts only when it is a JSON object with a positive total. */
const VALID = `json_valid(x.canonical_json) AND json_type(x.canonical_json) = 'object'
      AND (${EMOTIONS.map((e) => `coalesce(CAST(json_extract(x.canonical_json, '$.${e}') AS REAL), 0)`).join(' + ')}) > 0`
const EXTRACT = EMOTIONS.map((e) => `coalesce(CAST(json_extract(x.canonical_json, '$.${e}') AS REAL), 0) AS ${col(e)}`).join(',\n        ')
const AVERAGES = EMOTIONS.map((e) => `avg(${col(e)}) AS ${col(e)}`).join(', ')
const DOMINANT = `CASE max(${EMOTIONS.map((e) => `m.${col(e)}`).join(', ')}) ${EMOTIONS.slice(0, -1)
  .map((e) => `WHEN m.${col(e)} THEN '${e}'`)
  .join(' ')} ELSE '${EMOTIONS[EMOTIONS.length - 1]}' END`
const INSERT_DAILY = `INSERT INTO analysis_daily (profile_id, source, entry_date, entry_id, dominant, ${PROB_COLUMNS}, analyses)`
const SELECT_DAILY = `SELECT e.profile_id, m.source, e.entry_date, e.id, ${DOMINANT}, ${EMOTIONS.map((e) => `m.${col(e)}`).join(', ')}, m.n`

/** Recomputes the daily row of one (entry, source); `entry` and `source` are SQL expressions. */
function recomputeDaily(entry: string, source: string): string {
  return `
  DELETE FROM analysis_daily WHERE entry_id = (${entry}) AND source = (${source});
  ${INSERT_DAILY}
  ${SELECT_DAILY}
    FROM entries e,
      (SELECT (${source}) AS source, ${AVERAGES}, count(*) AS n FROM (
        SELECT ${EXTRACT},
          row_number() OVER (PARTITION BY x.entry_id, x.memo_id ORDER BY x.created_at DESC, x.id DESC) AS rn
        FROM analyses x
        WHERE x.source = (${source})
          AND (x.entry_id = (${entry}) OR x.memo_id IN (SELECT id FROM voice_memos WHERE entry_id = (${entry})))
          AND ${VALID}
      ) WHERE rn = 1) m
   WHERE e.id = (${entry}) AND m.n > 0;`
}

const recomputeAllSources = (entry: string): string => ['text', 'audio', 'fused'].map((s) => recomputeDaily(entry, `'${s}'`)).join('\n')

/**
 * Every daily row from scratch (used to backfill here, and by tests to check that the triggers
 * keep the table equal to a full recomputation).
 */
export const REBUILD_ANALYSIS_DAILY_SQL = `
  ${INSERT_DAILY}
  ${SELECT_DAILY}
    FROM (SELECT entry_key, source, ${AVERAGES}, count(*) AS n FROM (
        SELECT coalesce(x.entry_id, vm.entry_id) AS entry_key, x.source, ${EXTRACT},
          row_number() OVER (PARTITION BY x.entry_id, x.memo_id, x.source ORDER BY x.created_at DESC, x.id DESC) AS rn
        FROM analyses x LEFT JOIN voice_memos vm ON vm.id = x.memo_id
        WHERE ${VALID}
      ) WHERE rn = 1 GROUP BY entry_key, source) m
    JOIN entries e ON e.id = m.entry_key;`

const memoEntry = (memoId: string): string => `SELECT entry_id FROM voice_memos WHERE id = ${memoId}`
const analysisEntry = (row: 'NEW' | 'OLD'): string => `coalesce(${row}.entry_id, (${memoEntry(`${row}.memo_id`)}))`

/** Re-indexes one entry's text plus all its transcripts (one FTS row per entry). */
const reindexEntry = (entry: string): string => `
  DELETE FROM entry_search WHERE rowid = (${entry});
  INSERT INTO entry_search (rowid, text, transcripts)
    SELECT e.id, e.text, coalesce((SELECT group_concat(transcript, char(10)) FROM voice_memos WHERE entry_id = e.id AND transcript IS NOT NULL), '')
      FROM entries e WHERE e.id = (${entry});`

export default /* sql */ `
CREATE TABLE entry_tags (
  entry_id  INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  tag       TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 40),
  PRIMARY KEY (entry_id, tag)
) WITHOUT ROWID;
CREATE INDEX entry_tags_tag ON entry_tags(tag, entry_id);

CREATE TABLE analysis_daily (
  profile_id  INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('text', 'audio', 'fused')),
  entry_date  TEXT NOT NULL,
  entry_id    INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  dominant    TEXT NOT NULL CHECK (dominant IN (${EMOTIONS.map((e) => `'${e}'`).join(', ')})),
  ${EMOTIONS.map((e) => `${col(e)} REAL NOT NULL`).join(',\n  ')},
  analyses    INTEGER NOT NULL CHECK (analyses > 0),
  PRIMARY KEY (profile_id, source, entry_date)
) WITHOUT ROWID;
CREATE INDEX analysis_daily_entry ON analysis_daily(entry_id, source);

CREATE TRIGGER analyses_daily_insert AFTER INSERT ON analyses BEGIN
  ${recomputeDaily(analysisEntry('NEW'), 'NEW.source')}
END;
CREATE TRIGGER analyses_daily_delete AFTER DELETE ON analyses BEGIN
  ${recomputeDaily(analysisEntry('OLD'), 'OLD.source')}
END;
CREATE TRIGGER analyses_daily_update AFTER UPDATE ON analyses BEGIN
  ${recomputeDaily(analysisEntry('OLD'), 'OLD.source')}
  ${recomputeDaily(analysisEntry('NEW'), 'NEW.source')}
END;
-- A deleted memo's analyses cascade away before this runs, and their own triggers cannot find the
-- entry any more (the memo row is gone), so the entry is recomputed here.
CREATE TRIGGER voice_memos_daily_delete AFTER DELETE ON voice_memos BEGIN
  ${recomputeAllSources('OLD.entry_id')}
END;
CREATE TRIGGER voice_memos_daily_move AFTER UPDATE OF entry_id ON voice_memos BEGIN
  ${recomputeAllSources('OLD.entry_id')}
  ${recomputeAllSources('NEW.entry_id')}
END;
CREATE TRIGGER entries_daily_move AFTER UPDATE OF profile_id, entry_date ON entries BEGIN
  UPDATE analysis_daily SET profile_id = NEW.profile_id, entry_date = NEW.entry_date WHERE entry_id = NEW.id;
END;

${REBUILD_ANALYSIS_DAILY_SQL}

CREATE VIRTUAL TABLE entry_search USING fts5(text, transcripts, content='', contentless_delete=1, tokenize='trigram');

CREATE TRIGGER entries_search_insert AFTER INSERT ON entries BEGIN
  ${reindexEntry('NEW.id')}
END;
CREATE TRIGGER entries_search_update AFTER UPDATE OF text ON entries BEGIN
  ${reindexEntry('NEW.id')}
END;
CREATE TRIGGER entries_search_delete AFTER DELETE ON entries BEGIN
  DELETE FROM entry_search WHERE rowid = OLD.id;
END;
CREATE TRIGGER voice_memos_search_insert AFTER INSERT ON voice_memos BEGIN
  ${reindexEntry('NEW.entry_id')}
END;
CREATE TRIGGER voice_memos_search_update AFTER UPDATE OF transcript, entry_id ON voice_memos BEGIN
  ${reindexEntry('OLD.entry_id')}
  ${reindexEntry('NEW.entry_id')}
END;
CREATE TRIGGER voice_memos_search_delete AFTER DELETE ON voice_memos BEGIN
  ${reindexEntry('OLD.entry_id')}
END;

INSERT INTO entry_search (rowid, text, transcripts)
  SELECT e.id, e.text, coalesce((SELECT group_concat(transcript, char(10)) FROM voice_memos WHERE entry_id = e.id AND transcript IS NOT NULL), '')
    FROM entries e;
`
