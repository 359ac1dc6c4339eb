import type { Page } from 'playwright-core'
import { encodeWav16 } from '../../src/shared/audio'
import { syntheticSpeech } from '../../bench/signals'
import type { Db } from '../../src/main/db/open'
import { insertAnalysis } from '../../src/main/repos/analyses'
import { CANONICAL_EMOTIONS, type CanonicalDistribution, type CanonicalEmotion } from '../../src/shared/emotions'
import type { AppUnderTest } from './browser'

/** Seeding helpers for the browser tests: the harness's own database, through the repo functions and the API. */

export function dist(partial: Partial<Record<CanonicalEmotion, number>>): CanonicalDistribution {
  return Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, partial[e] ?? 0])) as CanonicalDistribution
}

export function peaked(emotion: CanonicalEmotion, weight = 0.7): CanonicalDistribution {
  const rest = (1 - weight) / (CANONICAL_EMOTIONS.length - 1)
  return Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, e === emotion ? weight : rest])) as CanonicalDistribution
}

export function analyse(db: Db, target: { entryId: number } | { memoId: number }, source: 'text' | 'audio' | 'fused', canonical: CanonicalDistribution) {
  return insertAnalysis(db, { ...target, source, modelId: 'e2e', labels: [...CANONICAL_EMOTIONS], probs: CANONICAL_EMOTIONS.map((e) => canonical[e]), canonical })
}

/** A real memo (a WAV file on disk and its row) imported through the API, as the app's import does. */
export async function importMemo(app: AppUnderTest, profileId: number, entryDate: string, seconds = 2): Promise<number> {
  const wav = encodeWav16(syntheticSpeech(seconds, 16000), 16000)
  const result = await app.harness.service.dispatch('memos-import', {
    profileId,
    entryDate,
    fileName: 'memo.wav',
    dataBase64: Buffer.from(wav).toString('base64')
  })
  if (!result.ok) throw new Error(result.error.message)
  return (result.data as { id: number }).id
}

/** Reloads and opens a profile seeded behind the page's back. */
export async function openProfile(page: Page, name: string) {
  await page.reload()
  await page.getByRole('button', { name: new RegExp(name) }).first().click()
  await page.getByTestId('current-profile').waitFor()
}

export const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true })

/** "2026년 9월 14일 (월)": how the Korean UI writes a day. */
export function koDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return new Intl.DateTimeFormat('ko-KR', { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }).format(new Date(y, m - 1, d))
}
