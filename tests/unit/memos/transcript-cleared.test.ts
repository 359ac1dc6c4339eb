import { describe, expect, it } from 'vitest'
import { syntheticSpeech } from '../../../bench/signals'
import { encodeWav16 } from '../../../src/shared/audio'
import { useTestService } from '../../helpers/test-service'

const app = useTestService()

const sources = (memoId: number) =>
  (app.service.db.prepare('SELECT DISTINCT source FROM analyses WHERE memo_id = ? ORDER BY source').all(memoId) as { source: string }[]).map((r) => r.source)
const dailySources = (entryId: number) =>
  (app.service.db.prepare('SELECT source FROM analysis_daily WHERE entry_id = ? ORDER BY source').all(entryId) as { source: string }[]).map((r) => r.source)

describe('a memo whose transcript is cleared', { timeout: 90_000 }, () => {
  it('drops its text and fused results (and their trend rows) and keeps the voice result', async () => {
    const p = await app.api.profiles.create({ name: '하루', gender: 'FEMALE' })
    const wav = Buffer.from(encodeWav16(syntheticSpeech(3, 16000), 16000)).toString('base64')
    const memo = await app.api.memos.import({ profileId: p.id, entryDate: '2026-11-25', fileName: 'a.wav', dataBase64: wav })
    await app.api.memos.analyze({ memoId: memo.id })
    const withWords = await app.api.memos.setTranscript({ memoId: memo.id, transcript: '오늘은 정말 행복한 하루였어요.' })
    expect(withWords.text).not.toBeNull()
    expect(withWords.fused).not.toBeNull()
    expect(sources(memo.id)).toEqual(['audio', 'fused', 'text'])
    expect(dailySources(memo.entryId)).toEqual(['audio', 'fused', 'text'])

    const cleared = await app.api.memos.setTranscript({ memoId: memo.id, transcript: '   ' })
    expect(cleared.text).toBeNull()
    expect(cleared.fused).toBeNull()
    expect(cleared.voice?.canonical).toEqual(withWords.voice?.canonical)
    expect(sources(memo.id)).toEqual(['audio'])
    expect(dailySources(memo.entryId)).toEqual(['audio'])
  })
})
