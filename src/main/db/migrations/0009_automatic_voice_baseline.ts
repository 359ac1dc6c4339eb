/**
 * The automatic voice baseline (issue 16). Before a profile calibrates, its own memos describe its
 * voice on its own microphone (src/shared/calibration/auto-baseline.ts). Three facts are kept:
 *
 * - `memo_voice_stats`: each analysed memo's voiced-frame statistic (13 mergeable histograms, a few
 *   kB), so the profile's baseline is rebuilt exactly without ever reading old audio again.
 * - `automatic_baselines`: the profile's automatic baseline, versioned like calibrated baselines
 *   (a new row when the memos have moved it enough): the median / scaled MAD vectors, the voiced
 *   seconds and memos it rests on, and the pooled statistic itself (`pool_json`) with the memo ids
 *   in it, so a memo re-analysed against version N can leave itself out of it (measured better).
 *   A separate table, not `baselines`: an automatic baseline can never be the active calibrated one.
 * - `voice_readings`: what a voice analysis adds to its `analyses` row: which baseline it was read
 *   against (calibrated / automatic / the memo itself / gender default), the automatic version
 *   (the queue's currency rule compares it), calibrated confidence, the uncertain flag and the
 *   memo's quality check.
 */
export default /* sql */ `
CREATE TABLE memo_voice_stats (
  memo_id           INTEGER PRIMARY KEY REFERENCES voice_memos(id) ON DELETE CASCADE,
  stats_version     INTEGER NOT NULL,
  features_version  TEXT NOT NULL,
  frames            INTEGER NOT NULL CHECK (frames >= 0),
  stats_json        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);

CREATE TABLE automatic_baselines (
  id                INTEGER PRIMARY KEY,
  profile_id        INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  version           INTEGER NOT NULL CHECK (version >= 1),
  mean_json         TEXT NOT NULL CHECK (json_array_length(mean_json) = 13),
  std_json          TEXT NOT NULL CHECK (json_array_length(std_json) = 13),
  voiced_sec        REAL NOT NULL CHECK (voiced_sec >= 0),
  memo_count        INTEGER NOT NULL CHECK (memo_count >= 0),
  memo_ids_json     TEXT NOT NULL,
  pool_json         TEXT NOT NULL,
  features          TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  UNIQUE (profile_id, version)
);

CREATE TABLE voice_readings (
  analysis_id          INTEGER PRIMARY KEY REFERENCES analyses(id) ON DELETE CASCADE,
  baseline_source      TEXT NOT NULL CHECK (baseline_source IN ('calibrated', 'automatic', 'memo', 'gender-default', 'given')),
  auto_baseline_id     INTEGER REFERENCES automatic_baselines(id) ON DELETE SET NULL,
  automatic_voiced_sec REAL,
  confidence           REAL NOT NULL,
  uncertain            INTEGER NOT NULL CHECK (uncertain IN (0, 1)),
  quality_json         TEXT NOT NULL
);
CREATE INDEX voice_readings_auto ON voice_readings(auto_baseline_id);
`
