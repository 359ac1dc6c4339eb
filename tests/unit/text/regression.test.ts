/**
 * The regression cases (regression-cases.ts) against the real shipped pack, through the real
 * analysis process (child_process.fork of src/analysis/worker.ts, as the CLI and harness run it).
 * A known failure (regression-known-failures.ts) must still fail: when the model starts getting it
 * right, `it.fails` turns red so the list is updated rather than left stale.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dominantEmotion } from '../../../src/shared/emotions'
import { AnalysisHost } from '../../../src/main/analysis/host'
import { spawnNodeWorker } from '../../../src/main/analysis/spawn-node'
import { repoRoot } from '../../helpers/shared-data'
import { ENTRY_CASES, SENTENCE_CASES } from './regression-cases'
import { KNOWN_FAILURES, REGRESSION_PASS_FLOOR } from './regression-known-failures'

const PACK = join(repoRoot, 'resources/models/text-default')
let host: AnalysisHost

beforeAll(() => {
  host = new AnalysisHost({ spawn: spawnNodeWorker() })
})
afterAll(() => host?.close())

async function labelOf(text: string): Promise<string> {
  const r = await host.request('analyze-text', { text, packDir: PACK })
  expect(r.sentences).toHaveLength(1)
  return r.sentences[0]!.label
}

describe('text regression cases on the shipped pack (analysis process)', { timeout: 60_000 }, () => {
  it('every known failure names a case that exists', () => {
    const ids = new Set([...SENTENCE_CASES, ...ENTRY_CASES].map((c) => c.id))
    expect(Object.keys(KNOWN_FAILURES).filter((id) => !ids.has(id))).toEqual([])
  })

  it(`the shipped pack passes at least ${REGRESSION_PASS_FLOOR} cases (every case not listed as a known failure must pass)`, () => {
    const total = SENTENCE_CASES.length + ENTRY_CASES.length
    expect(total).toBe(54)
    expect(total - Object.keys(KNOWN_FAILURES).length).toBeGreaterThanOrEqual(REGRESSION_PASS_FLOOR)
  })

  for (const c of SENTENCE_CASES) {
    const run = c.id in KNOWN_FAILURES ? it.fails : it
    run(`${c.id} (${c.group}): "${c.text}" → ${c.label}`, async () => {
      expect(await labelOf(c.text)).toBe(c.label)
    })
  }

  for (const c of ENTRY_CASES) {
    const run = c.id in KNOWN_FAILURES ? it.fails : it
    run(`${c.id}: the entry mix is dominated by ${c.dominant}`, async () => {
      const r = await host.request('analyze-text', { text: c.text, packDir: PACK })
      expect(r.sentences.length).toBeGreaterThan(1)
      expect(dominantEmotion(r.mix)).toBe(c.dominant)
    })
  }
})
