import type { ProfileSettings } from '../../shared/api/memos-schemas'
import { DEFAULT_FUSION_WEIGHTS } from '../../shared/emotions'
import type { Db } from '../db/open'
import { getProfile } from './profiles'

const DEFAULTS: ProfileSettings = { fusion: DEFAULT_FUSION_WEIGHTS, textModelId: null, adaptation: true }

/** A profile's settings; keys never set fall back to the defaults (text 0.7 / audio 0.3 fusion, the shipped text model, adaptation on). */
export function getSettings(db: Db, profileId: number): ProfileSettings {
  getProfile(db, profileId)
  const rows = db.prepare('SELECT key, value_json FROM profile_settings WHERE profile_id = ?').all(profileId) as { key: string; value_json: string }[]
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value_json) as unknown]))
  return { ...DEFAULTS, ...stored } as ProfileSettings
}

export function updateSettings(db: Db, profileId: number, changes: Partial<ProfileSettings>): ProfileSettings {
  getProfile(db, profileId)
  const upsert = db.prepare(
    `INSERT INTO profile_settings (profile_id, key, value_json, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (profile_id, key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`
  )
  db.transaction(() => {
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) upsert.run(profileId, key, JSON.stringify(value), new Date().toISOString())
    }
  })()
  return getSettings(db, profileId)
}
