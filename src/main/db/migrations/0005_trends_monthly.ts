/**
 * Monthly roll-up of `analysis_daily` (migration 0002), so an all-time trend reads one row per
 * month instead of one per day: ~3,600 rows for 300 years of diary rather than 100,000.
 * Append-only like every migration; the emotion list is spelt out here for that reason.
 *
 * Each row holds, for one profile, source and calendar month: the number of analysed days, how
 * many days each emotion was dominant (`c_*`) and the sum of each emotion's daily probability
 * (`s_*`; mean = sum / days). TRIGGERS on `analysis_daily` recompute the affected month from its
 * (at most 31) daily rows on every change, rather than adding and subtracting, so the sums never
 * drift from the daily table. Trend queries with a tag filter cannot use it and read the days.
 */

const EMOTIONS = ['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'SURPRISE', 'NEUTRAL'] as const
const lower = (e: string): string => e.toLowerCase()
const COUNT_COLUMNS = EMOTIONS.map((e) => `c_${lower(e)}`)
const SUM_COLUMNS = EMOTIONS.map((e) => `s_${lower(e)}`)

/** Rebuilds one (profile, source, month) row; the arguments are SQL expressions. */
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

export default /* sql */ `
CREATE TABLE analysis_monthly (
  profile_id  INTEGER NOT NULL,
  source      TEXT NOT NULL,
  month       TEXT NOT NULL,
  days        INTEGER NOT NULL CHECK (days > 0),
  ${COUNT_COLUMNS.map((c) => `${c} INTEGER NOT NULL`).join(',\n  ')},
  ${SUM_COLUMNS.map((c) => `${c} REAL NOT NULL`).join(',\n  ')},
  PRIMARY KEY (profile_id, source, month)
) WITHOUT ROWID;

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

INSERT INTO analysis_monthly (profile_id, source, month, days, ${COUNT_COLUMNS.join(', ')}, ${SUM_COLUMNS.join(', ')})
  SELECT profile_id, source, substr(entry_date, 1, 7), count(*),
         ${EMOTIONS.map((e) => `sum(dominant = '${e}')`).join(', ')},
         ${EMOTIONS.map((e) => `sum(p_${lower(e)})`).join(', ')}
    FROM analysis_daily GROUP BY profile_id, source, substr(entry_date, 1, 7);
`
