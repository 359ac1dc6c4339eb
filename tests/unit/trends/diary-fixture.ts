import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Db } from '../../../src/main/db/open'
import { insertTake } from '../../../src/main/calibration/takes-repo'
import { insertActiveBaseline } from '../../../src/main/repos/baselines'
import { createEntry, deleteEntry } from '../../../src/main/repos/entries'
import { createProfile } from '../../../src/main/repos/profiles'
import { setEntryTags } from '../../../src/main/repos/tags'
import { encodeWav16 } from '../../../src/shared/audio/wav'
import { CANONICAL_EMOTIONS } from '../../../src/shared/emotions'
import { analyse, dist, peaked, tick } from './seed'

export const TRICKY_TEXT = '오늘은 행복했던 하루 😊➡️😢\n두 번째 줄: "따옴표", \\역슬래시\\, 탭\t, 한자 漢字, e\u0301, \u0000끝'

function writeWav(dataDir: string, rel: string, seconds: number, freq: number): void {
  const sr = 16000
  const samples = Float32Array.from({ length: sr * seconds }, (_, i) => 0.3 * Math.sin((2 * Math.PI * freq * i) / sr))
  mkdirSync(dirname(join(dataDir, rel)), { recursive: true })
  writeFileSync(join(dataDir, rel), encodeWav16(samples, sr))
}

function memo(db: Db, entryId: number, filePath: string, transcript: string | null, durationSec: number): number {
  return (
    db
      .prepare('INSERT INTO voice_memos (entry_id, file_path, duration_sec, sample_rate, transcript, created_at) VALUES (?, ?, ?, 16000, ?, ?) RETURNING id')
      .get(entryId, filePath, durationSec, transcript, tick()) as { id: number }
  ).id
}

/**
 * A diary that exercises every table and the awkward cases: id gaps (a deleted entry), two
 * profiles, Korean/emoji/control characters, memos with and without transcripts, a memo whose
 * recording is missing, an inactive and an active baseline, current and superseded analyses,
 * JSON stored with unusual spacing (must survive byte for byte), tags, and the writer's own word
 * (a check-in, a sentence and a memo correction, an adapter).
 */
export function seedDiary(db: Db, dataDir: string): { profiles: number[]; entries: number[]; memos: number[] } {
  const a = createProfile(db, '지민', 'FEMALE').id
  const b = createProfile(db, '하늘 🌤', 'MALE').id
  const gone = createEntry(db, a, '2026-02-28', '지워질 일기').id
  const e1 = createEntry(db, a, '2026-03-01', TRICKY_TEXT).id
  const e2 = createEntry(db, a, '2026-03-02', '회사에서 발표를 했다. 떨렸다.').id
  const e3 = createEntry(db, b, '2026-03-01', 'Another diary, another day.').id
  deleteEntry(db, gone)
  const v = (x: number) => ({ mean: Array.from({ length: 13 }, (_, i) => x + i / 10), std: Array.from({ length: 13 }, () => 1 + x) })
  const old = insertActiveBaseline(db, a, v(1), 3, 'calibrated')
  const current = insertActiveBaseline(db, a, v(2), 5, 'calibrated')
  insertActiveBaseline(db, b, v(3), 0, 'default')

  writeWav(dataDir, 'memos/2026/03/m1.wav', 1, 220)
  writeWav(dataDir, 'memos/2026/03/m2.wav', 1, 330)
  const m1 = memo(db, e1, 'memos/2026/03/m1.wav', '오늘 정말 행복했어', 1)
  const m2 = memo(db, e2, 'memos/2026/03/m2.wav', null, 1)
  const m3 = memo(db, e2, 'memos/2026/03/lost.wav', '파일이 없는 메모', 2.5)

  analyse(db, { entryId: e1 }, 'text', peaked('SAD'))
  analyse(db, { entryId: e1 }, 'text', peaked('HAPPY'))
  analyse(db, { entryId: e2 }, 'text', peaked('FEAR'))
  analyse(db, { entryId: e3 }, 'text', peaked('NEUTRAL'))
  db.prepare(
    `INSERT INTO analyses (memo_id, source, model_id, baseline_id, labels_json, probs_json, canonical_json, sentences_json, created_at)
     VALUES (?, 'audio', 'seed-audio', ?, ?, ?, ?, ?, ?)`
  ).run(
    m1,
    current.id,
    '["ANGRY","SAD","DISGUST","HAPPY","FEAR","SURPRISE"]',
    '[0.1, 0.2,0.05, 0.5 ,0.1,0.05]',
    `{ "${CANONICAL_EMOTIONS.join('": 0.1, "')}": 0.4 }`,
    '[{"text":"오늘 정말 행복했어","start":0,"end":1.0}]',
    tick()
  )
  db.prepare("INSERT INTO analyses (memo_id, source, model_id, baseline_id, labels_json, probs_json, canonical_json, created_at) VALUES (?, 'audio', 'seed-audio', ?, '[]', '[]', ?, ?)").run(
    m2,
    old.id,
    JSON.stringify(dist({ ANGRY: 0.8, SAD: 0.2 })),
    tick()
  )
  analyse(db, { entryId: e1 }, 'fused', dist({ HAPPY: 0.6, SAD: 0.4 }))
  void m3
  writeWav(dataDir, 'calibration/s1/take-0.wav', 1, 150)
  insertTake(db, {
    profileId: a,
    sessionId: 'session-0001',
    sentenceIndex: 0,
    filePath: 'calibration/s1/take-0.wav',
    sampleRate: 16000,
    durationSec: 1,
    voicedSec: 0.8,
    metrics: { rms: 0.2 } as never,
    stats: { frames: 3, mean: Array(13).fill(0.5), m2: Array(13).fill(0.1) } as never
  })
  db.prepare('INSERT INTO profile_settings (profile_id, key, value_json, updated_at) VALUES (?, ?, ?, ?)').run(a, 'fusion', '{"text": 0.6, "audio": 0.4}', tick())
  setEntryTags(db, e1, ['산책', '친구'])
  setEntryTags(db, e2, ['회사'])
  setEntryTags(db, e3, ['work'])
  db.prepare("INSERT INTO day_moods (entry_id, emotion, word, intensity, created_at, updated_at) VALUES (?, 'SAD', '서운함', 4, ?, ?)").run(e2, tick(), tick())
  db.prepare(
    `INSERT INTO reading_corrections (entry_id, sentence, sentence_hash, start_offset, end_offset, emotion, model_emotion, created_at)
     VALUES (?, '떨렸다.', ?, 13, 17, 'NEUTRAL', 'FEAR', ?)`
  ).run(e2, 'ab'.repeat(32), tick())
  db.prepare("INSERT INTO reading_corrections (memo_id, emotion, model_emotion, created_at) VALUES (?, 'HAPPY', NULL, ?)").run(m1, tick())
  db.prepare(
    `INSERT INTO text_adapters (profile_id, model_id, version, examples, trained_on, weights_json, metrics_json, created_at)
     VALUES (?, 'haru-text-default', 3, 1, 'fingerprint', '{"format": "haru-text-adapter", "bias": [0,0,0,0,0,0,0]}', '{ }', ?)`
  ).run(a, tick())
  return { profiles: [a, b], entries: [e1, e2, e3], memos: [m1, m2, m3] }
}

/** Every row of every table (FTS internals and the migration log aside), as sorted JSON lines. */
export function snapshotTables(db: Db): Record<string, string[]> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
    .map((t) => t.name)
    .filter((n) => n !== 'schema_migrations' && !n.startsWith('entry_search'))
  return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()]))
}

/** Every recording under the data folder (memos and calibration takes), path → base64 of its bytes. */
export function audioFiles(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (rel: string) => {
    const abs = join(dataDir, rel)
    if (!existsSync(abs)) return
    for (const d of readdirSync(abs, { withFileTypes: true })) {
      if (d.isDirectory()) walk(join(rel, d.name))
      else out[join(rel, d.name)] = readFileSync(join(abs, d.name)).toString('base64')
    }
  }
  walk('memos')
  walk('calibration')
  return out
}
