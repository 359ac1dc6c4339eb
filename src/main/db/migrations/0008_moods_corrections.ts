/**
 * The writer's own word (issue 12): mood check-ins, corrections of a reading, and the per-profile
 * text adapter learnt from those corrections. Append-only like every migration (this text is
 * checksummed); the emotion list is spelt out here for that reason.
 *
 * - `day_moods`: one check-in per entry, i.e. per profile and day (a check-in on a day with
 *   nothing written creates the day's entry with no text, as a voice memo does). `word` is one of
 *   the Korean words of src/shared/moods/vocabulary.ts (null: the emotion alone); `intensity` 1–5
 *   (null: not said).
 * - `analysis_daily` is rebuilt so its `source` may also be `self`: a check-in is a day row of its
 *   own (one-hot on the chosen emotion), kept by triggers on `day_moods`, so trends, the calendar
 *   and the monthly roll-up (migration 0005) read it like any other source. The rows, the index and
 *   the roll-up's triggers are carried over unchanged; the triggers of migration 0002 (on
 *   `analyses`, `voice_memos`, `entries`) name the table and keep working.
 * - `reading_corrections`: the writer's label for one sentence of an entry (anchored by the
 *   SHA-256 of the sentence's text and its offsets; the text itself is kept so the anchor can move
 *   and the adapter can learn from it) or for a voice memo's whole result. Editing an entry so
 *   that a corrected sentence is gone removes its correction (trigger below): no correction keeps
 *   words the writer removed, and none points at nothing.
 * - `text_adapters`: a profile's adapter over one base text pack (model_id), replaced by each
 *   retraining with a higher `version`; `trained_on` is the fingerprint of the corrections it
 *   learnt from.
 * - `analyses.reading_json`: the reading before the writer's corrections (null: none applied);
 *   `corrections_key`: which corrections were applied (null: none existed); `adapter_version`:
 *   the adapter that read it (null: the base model alone). See src/main/corrections/currency.ts.
 */

const EMOTIONS = ['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'SURPRISE', 'NEUTRAL'] as const
const lower = (e: string): string => e.toLowerCase()
const EMOTION_CHECK = (column: string): string => `${column} IN (${EMOTIONS.map((e) => `'${e}'`).join(', ')})`
const PROB_COLUMNS = EMOTIONS.map((e) => `p_${lower(e)}`)
const COUNT_COLUMNS = EMOTIONS.map((e) => `c_${lower(e)}`)
const SUM_COLUMNS = EMOTIONS.map((e) => `s_${lower(e)}`)

/** Same text as migration 0005's: one (profile, source, month) row rebuilt from its days. */
function recomputeMonth(profile: string, source: string, date: string): string {
  const month = `substr(${date}, 1, 7)`
  return `
  DELETE FROM analysis_monthly WHERE profile_id = ${profile} AND source = ${source} AND month = ${month};
  INSERT INTO analysis_monthly (profile_id, source, month, days, ${COUNT_COLUMNS.join(', ')}, ${SUM_COLUMNS.join(', ')})
    SELECT ${profile}, ${source}, ${month}, count(*),
           ${EMOTIONS.map((e) => `sum(dominant = '${e}')`).join(', ')},
           ${EMOTIONS.map((e) => `sum(p_${lower(e)})`).join(', ')}
      FROM analysis_daily
     WHERE profile_id = ${profile} AND source = ${source} AND entry_date BETWEEN ${month} || '-01' AND ${month} || '-31'
    HAVING count(*) > 0;`
}

/** The `self` day row of one entry from its check-in (none without one). */
const recomputeSelf = (entry: string): string => `
  DELETE FROM analysis_daily WHERE entry_id = ${entry} AND source = 'self';
  INSERT INTO analysis_daily (profile_id, source, entry_date, entry_id, dominant, ${PROB_COLUMNS.join(', ')}, analyses)
    SELECT e.profile_id, 'self', e.entry_date, e.id, m.emotion, ${EMOTIONS.map((e) => `CAST(m.emotion = '${e}' AS REAL)`).join(', ')}, 1
      FROM day_moods m JOIN entries e ON e.id = m.entry_id
     WHERE m.entry_id = ${entry};`

export default /* sql */ `
CREATE TABLE analysis_daily_before_0008 AS SELECT * FROM analysis_daily;
DROP TABLE analysis_daily;
CREATE TABLE analysis_daily (
  profile_id  INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('text', 'audio', 'fused', 'self')),
  entry_date  TEXT NOT NULL,
  entry_id    INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  dominant    TEXT NOT NULL CHECK (${EMOTION_CHECK('dominant')}),
  ${PROB_COLUMNS.map((c) => `${c} REAL NOT NULL`).join(',\n  ')},
  analyses    INTEGER NOT NULL CHECK (analyses > 0),
  PRIMARY KEY (profile_id, source, entry_date)
) WITHOUT ROWID;
CREATE INDEX analysis_daily_entry ON analysis_daily(entry_id, source);
INSERT INTO analysis_daily SELECT * FROM analysis_daily_before_0008;
DROP TABLE analysis_daily_before_0008;

CREATE TRIGGER analysis_daily_monthly_insert AFTER INSERT ON analysis_daily BEGIN
  ${recomputeMonth('NEW.profile_id', 'NEW.source', 'NEW.entry_date')}
END;
CREATE TRIGGER analysis_daily_monthly_delete AFTER DELETE ON analysis_daily BEGIN
  ${recomputeMonth('OLD.profile_id', 'OLD.source', 'OLD.entry_date')}
END;
CREATE TRIGGER analysis_daily_monthly_update AFTER UPDATE ON analysis_daily BEGIN
  ${recomputeMonth('OLD.profile_id', 'OLD.source', 'OLD.entry_date')}
  ${recomputeMonth('NEW.profile_id', 'NEW.source', 'NEW.entry_date')}
END;

CREATE TABLE day_moods (
  entry_id    INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  emotion     TEXT NOT NULL CHECK (${EMOTION_CHECK('emotion')}),
  word        TEXT CHECK (word IS NULL OR length(word) BETWEEN 1 AND 20),
  intensity   INTEGER CHECK (intensity IS NULL OR intensity BETWEEN 1 AND 5),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE TRIGGER day_moods_daily_insert AFTER INSERT ON day_moods BEGIN
  ${recomputeSelf('NEW.entry_id')}
END;
CREATE TRIGGER day_moods_daily_update AFTER UPDATE ON day_moods BEGIN
  ${recomputeSelf('OLD.entry_id')}
  ${recomputeSelf('NEW.entry_id')}
END;
CREATE TRIGGER day_moods_daily_delete AFTER DELETE ON day_moods BEGIN
  ${recomputeSelf('OLD.entry_id')}
END;

CREATE TABLE reading_corrections (
  id             INTEGER PRIMARY KEY,
  entry_id       INTEGER REFERENCES entries(id) ON DELETE CASCADE,
  memo_id        INTEGER REFERENCES voice_memos(id) ON DELETE CASCADE,
  sentence       TEXT CHECK (sentence IS NULL OR length(sentence) > 0),
  sentence_hash  TEXT CHECK (sentence_hash IS NULL OR length(sentence_hash) = 64),
  start_offset   INTEGER CHECK (start_offset IS NULL OR start_offset >= 0),
  end_offset     INTEGER,
  emotion        TEXT NOT NULL CHECK (${EMOTION_CHECK('emotion')}),
  model_emotion  TEXT CHECK (model_emotion IS NULL OR ${EMOTION_CHECK('model_emotion')}),
  created_at     TEXT NOT NULL,
  -- an entry's corrections are per sentence, a memo's is for its whole result
  CHECK ((entry_id IS NOT NULL AND memo_id IS NULL AND sentence IS NOT NULL AND sentence_hash IS NOT NULL
          AND start_offset IS NOT NULL AND end_offset > start_offset)
      OR (memo_id IS NOT NULL AND entry_id IS NULL AND sentence IS NULL AND sentence_hash IS NULL
          AND start_offset IS NULL AND end_offset IS NULL))
);
CREATE INDEX reading_corrections_entry ON reading_corrections(entry_id, start_offset) WHERE entry_id IS NOT NULL;
CREATE UNIQUE INDEX reading_corrections_memo ON reading_corrections(memo_id) WHERE memo_id IS NOT NULL;

CREATE TRIGGER entries_corrections_prune AFTER UPDATE OF text ON entries BEGIN
  DELETE FROM reading_corrections WHERE entry_id = NEW.id AND instr(NEW.text, sentence) = 0;
END;

CREATE TABLE text_adapters (
  profile_id    INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  model_id      TEXT NOT NULL,
  version       INTEGER NOT NULL CHECK (version > 0),
  examples      INTEGER NOT NULL CHECK (examples >= 0),
  trained_on    TEXT NOT NULL,
  weights_json  TEXT NOT NULL,
  metrics_json  TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (profile_id, model_id)
);

ALTER TABLE analyses ADD COLUMN reading_json TEXT;
ALTER TABLE analyses ADD COLUMN corrections_key TEXT;
ALTER TABLE analyses ADD COLUMN adapter_version INTEGER;
`
