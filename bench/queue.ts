/**
 * The analysis queue's database work on a large diary, all of it on the main process's thread:
 * 20,000 entries of one profile (every one with a current text analysis, a third with a voice memo
 * analysed by today's voice model and baseline) plus about 100 entries and 20 memos still pending,
 * scattered through the years, in a temporary SQLite file written through the real triggers.
 *
 * Measured (median, warm): one scan for the next batch (what the queue does every 100 items), the
 * count the progress shows (at a run's start and after each batch), and the check of one item before
 * and after its analysis, against a plain scan of the same entries' ids as the same-run baseline.
 * Run alone with `npx tsx bench/queue.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { countPending, outdatedParts, pendingItems, wantedFor } from '../src/main/analysis-queue/currency'
import { openDatabase, type Db } from '../src/main/db/open'
import { insertAnalysis } from '../src/main/repos/analyses'
import { resourcesDir } from '../src/main/resources-dir'
import { addDays } from '../src/shared/dates'
import { CANONICAL_EMOTIONS, type CanonicalDistribution } from '../src/shared/emotions'
import { medianMs, ratio } from './stats'
import type { BenchResult } from './types'

const ENTRIES = 20_000
const PENDING_ENTRIES = 100
const PENDING_MEMOS = 20
const TEXT = 'haru-text-default'
const VOICE = 'haru-audio-emodb'

function seed(db: Db): number {
  const canonical = Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, 1 / CANONICAL_EMOTIONS.length])) as CanonicalDistribution
  const labels = [...CANONICAL_EMOTIONS]
  const probs = labels.map(() => 1 / labels.length)
  const insertEntry = db.prepare("INSERT INTO entries (profile_id, entry_date, text, created_at, updated_at) VALUES (1, ?, '오늘은 산책을 했다.', ?, ?) RETURNING id")
  const insertMemo = db.prepare("INSERT INTO voice_memos (entry_id, file_path, duration_sec, sample_rate, created_at) VALUES (?, 'memos/x.wav', 10, 16000, ?) RETURNING id")
  db.prepare("INSERT INTO profiles (id, name, created_at) VALUES (1, '벤치', '2026-01-01T00:00:00.000Z')").run()
  let pending = 0
  db.transaction(() => {
    let memos = 0
    for (let i = 0; i < ENTRIES; i++) {
      const day = addDays('1970-01-01', i)
      const at = `${day}T21:00:00.000Z`
      const { id } = insertEntry.get(day, at, at) as { id: number }
      const pendingEntry = i % Math.floor(ENTRIES / PENDING_ENTRIES) === 7
      if (pendingEntry) pending++
      else insertAnalysis(db, { entryId: id, source: 'text', modelId: TEXT, labels, probs, canonical, createdAt: `${day}T21:00:01.000Z` })
      if (i % 3 === 0) {
        const memo = (insertMemo.get(id, at) as { id: number }).id
        const pendingMemo = memos++ % Math.floor(ENTRIES / 3 / PENDING_MEMOS) === 0
        if (pendingMemo) pending++
        else insertAnalysis(db, { memoId: memo, source: 'audio', modelId: VOICE, baselineId: null, labels, probs, canonical, createdAt: `${day}T21:00:01.000Z` })
      }
    }
  })()
  return pending
}

export async function benchQueue(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'haru-bench-queue-'))
  try {
    const db = openDatabase(dir)
    const seeded = seed(db)
    const wanted = await wantedFor({ db, dataDir: dir, resourcesDir: resourcesDir() }, 1)
    const none = { entries: [], memos: [] }
    const found = pendingItems(db, wanted, none, 1000)
    if (found.length !== seeded) throw new Error(`expected ${seeded} pending, found ${found.length}`)
    const plain = db.prepare('SELECT id FROM entries WHERE profile_id = 1 ORDER BY entry_date DESC')
    const baseline = await medianMs(() => plain.all(), 9)
    const batch = await medianMs(() => pendingItems(db, wanted, none, 100), 9)
    const count = await medianMs(() => countPending(db, wanted, none), 9)
    const item = found[0]!
    const check = await medianMs(() => outdatedParts(db, wanted, item), 50)
    db.close()
    const base = { name: `plain id scan of the ${ENTRIES.toLocaleString('en')} entries`, value: baseline }
    return [
      { name: `next batch of 100 pending (${ENTRIES.toLocaleString('en')} entries, ${Math.round(ENTRIES / 3).toLocaleString('en')} memos)`, value: batch, unit: 'ms', baseline: base, ratio: ratio(batch, baseline), target: '≤ 100 ms (once per 100 items)' },
      { name: 'count of pending items (progress total)', value: count, unit: 'ms', baseline: base, ratio: ratio(count, baseline) },
      { name: 'check of one item (before and after its analysis)', value: check, unit: 'ms', target: '≤ 1 ms' }
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { printResults } = await import('./print')
  printResults(await benchQueue())
}
