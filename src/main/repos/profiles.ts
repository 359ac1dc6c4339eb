import type { GenderHint, Profile } from '../../shared/api/schemas'
import { HaruApiError } from '../../shared/api/errors'
import type { Db } from '../db/open'

interface ProfileRow {
  id: number
  name: string
  gender: GenderHint
  created_at: string
}

const toProfile = (r: ProfileRow): Profile => ({ id: r.id, name: r.name, gender: r.gender, createdAt: r.created_at })

export function listProfiles(db: Db): Profile[] {
  return (db.prepare('SELECT * FROM profiles ORDER BY created_at, id').all() as ProfileRow[]).map(toProfile)
}

export function getProfile(db: Db, id: number): Profile {
  const row = db.prepare('SELECT * FROM profiles WHERE id = ?').get(id) as ProfileRow | undefined
  if (!row) throw new HaruApiError('not-found', `no profile with id ${id}`)
  return toProfile(row)
}

export function findProfileByName(db: Db, name: string): Profile | undefined {
  const row = db.prepare('SELECT * FROM profiles WHERE name = ?').get(name.trim()) as ProfileRow | undefined
  return row && toProfile(row)
}

export function createProfile(db: Db, name: string, gender: GenderHint): Profile {
  if (findProfileByName(db, name)) throw HaruApiError.because('conflict', `a profile named "${name}" already exists`, 'profile-exists', { name: name.trim() })
  const row = db
    .prepare('INSERT INTO profiles (name, gender, created_at) VALUES (?, ?, ?) RETURNING *')
    .get(name, gender, new Date().toISOString()) as ProfileRow
  return toProfile(row)
}
