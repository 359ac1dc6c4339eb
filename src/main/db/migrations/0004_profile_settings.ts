/**
 * Per-profile settings (fusion weights, chosen text model, …) as key → JSON value, so a new
 * setting needs no migration. Append-only like every migration.
 */
export default /* sql */ `
CREATE TABLE profile_settings (
  profile_id  INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  key         TEXT NOT NULL,
  value_json  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (profile_id, key)
);
`
