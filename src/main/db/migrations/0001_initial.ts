/**
 * Initial schema. Append-only: never edit a migration that has shipped (the runner refuses a
 * database whose recorded checksum differs); add the next numbered file instead.
 * Timestamps are ISO-8601 UTC strings; `entry_date` is the writer's local calendar day.
 */
export default /* sql */ `
CREATE TABLE profiles (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  gender      TEXT NOT NULL DEFAULT 'UNSPECIFIED' CHECK (gender IN ('MALE', 'FEMALE', 'UNSPECIFIED')),
  created_at  TEXT NOT NULL
);

CREATE TABLE entries (
  id          INTEGER PRIMARY KEY,
  profile_id  INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  entry_date  TEXT NOT NULL CHECK (entry_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  text        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (profile_id, entry_date)
);

CREATE TABLE voice_memos (
  id           INTEGER PRIMARY KEY,
  entry_id     INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  file_path    TEXT NOT NULL,
  duration_sec REAL NOT NULL CHECK (duration_sec >= 0),
  sample_rate  INTEGER NOT NULL CHECK (sample_rate > 0),
  transcript   TEXT,
  created_at   TEXT NOT NULL
);
CREATE INDEX voice_memos_entry ON voice_memos(entry_id);

CREATE TABLE baselines (
  id          INTEGER PRIMARY KEY,
  profile_id  INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  mean_json   TEXT NOT NULL CHECK (json_array_length(mean_json) = 13),
  std_json    TEXT NOT NULL CHECK (json_array_length(std_json) = 13),
  clip_count  INTEGER NOT NULL DEFAULT 0 CHECK (clip_count >= 0),
  source      TEXT NOT NULL CHECK (source IN ('default', 'calibrated')),
  is_active   INTEGER NOT NULL DEFAULT 0 CHECK (is_active IN (0, 1)),
  created_at  TEXT NOT NULL
);
-- At most one active baseline per profile.
CREATE UNIQUE INDEX baselines_one_active ON baselines(profile_id) WHERE is_active = 1;

CREATE TABLE analyses (
  id              INTEGER PRIMARY KEY,
  entry_id        INTEGER REFERENCES entries(id) ON DELETE CASCADE,
  memo_id         INTEGER REFERENCES voice_memos(id) ON DELETE CASCADE,
  source          TEXT NOT NULL CHECK (source IN ('text', 'audio', 'fused')),
  model_id        TEXT NOT NULL,
  baseline_id     INTEGER REFERENCES baselines(id) ON DELETE SET NULL,
  labels_json     TEXT NOT NULL,
  probs_json      TEXT NOT NULL,
  canonical_json  TEXT NOT NULL,
  sentences_json  TEXT,
  created_at      TEXT NOT NULL,
  CHECK ((entry_id IS NULL) <> (memo_id IS NULL))
);
CREATE INDEX analyses_entry ON analyses(entry_id, created_at);
CREATE INDEX analyses_memo ON analyses(memo_id, created_at);
`
