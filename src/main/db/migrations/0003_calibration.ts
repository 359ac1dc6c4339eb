/**
 * Personal voice calibration. Append-only like every migration (this text is checksummed).
 *
 * - `calibration_takes`: the neutral-voice recordings a baseline was computed from, kept so the
 *   baseline can be recomputed when the MFCC code improves, and deletable by the user. A take
 *   belongs to one calibration session (the wizard run or `haru calibrate` call that recorded it);
 *   only takes that passed the per-take checks are stored. `file_path` is relative to the data
 *   folder, '/'-separated. `stats_json` holds the statistics of the take's voiced MFCC frames
 *   ({frames, mean[13], m2[13]}), enough to rebuild any baseline from any subset of takes.
 *   `accepted` is 0 for a take the last baseline of its session left out as an outlier.
 *   A session no baseline refers to is still open (the wizard is on it, or was abandoned).
 * - `baselines.session_id`: the session a calibrated baseline was computed from (several baselines
 *   can share one: a recomputation); `voiced_sec`: the voiced speech behind it; `features`: which
 *   feature code computed it, so stale baselines can be found after the front end changes.
 */
export default /* sql */ `
CREATE TABLE calibration_takes (
  id              INTEGER PRIMARY KEY,
  profile_id      INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  session_id      TEXT NOT NULL CHECK (length(session_id) BETWEEN 8 AND 64),
  sentence_index  INTEGER CHECK (sentence_index IS NULL OR sentence_index >= 0),
  file_path       TEXT NOT NULL,
  sample_rate     INTEGER NOT NULL CHECK (sample_rate > 0),
  duration_sec    REAL NOT NULL CHECK (duration_sec >= 0),
  voiced_sec      REAL NOT NULL CHECK (voiced_sec >= 0),
  metrics_json    TEXT NOT NULL,
  stats_json      TEXT NOT NULL,
  accepted        INTEGER NOT NULL DEFAULT 1 CHECK (accepted IN (0, 1)),
  distance        REAL,
  created_at      TEXT NOT NULL
);
CREATE INDEX calibration_takes_session ON calibration_takes(profile_id, session_id, id);

ALTER TABLE baselines ADD COLUMN session_id TEXT;
ALTER TABLE baselines ADD COLUMN voiced_sec REAL;
ALTER TABLE baselines ADD COLUMN features TEXT;
CREATE INDEX baselines_session ON baselines(session_id);
`
