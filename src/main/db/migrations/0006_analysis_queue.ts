/**
 * The background analysis queue's own bookkeeping (issue 11). Append-only like every migration.
 * What is pending is never stored: it is derived from `analyses` every time (see
 * src/main/analysis-queue/currency.ts), so a restart resumes by itself. Only two facts are kept:
 *
 * - `analysis_queue_state`: a profile whose queue the writer paused or cancelled (no row: it runs).
 *   Kept across restarts so a paused queue stays paused.
 * - `analysis_queue_failures`: an entry or memo whose analysis failed for a reason that retrying
 *   cannot fix (no speech, a missing file, a text with no sentences), remembered against `wanted`:
 *   what "current" meant when it failed (models and baseline). It is skipped until that changes.
 *
 * Neither is exported with a backup: both are this device's bookkeeping.
 */
export default /* sql */ `
CREATE TABLE analysis_queue_state (
  profile_id  INTEGER PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
  mode        TEXT NOT NULL CHECK (mode IN ('paused', 'cancelled')),
  updated_at  TEXT NOT NULL
);

CREATE TABLE analysis_queue_failures (
  id          INTEGER PRIMARY KEY,
  entry_id    INTEGER REFERENCES entries(id) ON DELETE CASCADE,
  memo_id     INTEGER REFERENCES voice_memos(id) ON DELETE CASCADE,
  wanted      TEXT NOT NULL,
  code        TEXT NOT NULL,
  message     TEXT NOT NULL,
  failed_at   TEXT NOT NULL,
  CHECK ((entry_id IS NULL) <> (memo_id IS NULL))
);
CREATE UNIQUE INDEX analysis_queue_failures_entry ON analysis_queue_failures(entry_id) WHERE entry_id IS NOT NULL;
CREATE UNIQUE INDEX analysis_queue_failures_memo ON analysis_queue_failures(memo_id) WHERE memo_id IS NOT NULL;
`
