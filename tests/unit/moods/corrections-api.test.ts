import { describe, expect, it } from 'vitest'
import { adaptationIdle } from '../../../src/main/adaptation/background-work'
import { insertAnalysis } from '../../../src/main/repos/analyses'
import { CANONICAL_EMOTIONS, dominantEmotion, type CanonicalEmotion } from '../../../src/shared/emotions'
import { useTestService } from '../../helpers/test-service'
import { addMemo, dist } from '../trends/seed'

const t = useTestService()
/** A profile that reads with the base model alone: these tests are about corrections (adaptation has its own). */
const profile = async () => {
  const p = (await t.api.profiles.create({ name: '지민' })).id
  await t.api.settings.set({ profileId: p, adaptation: false })
  return p
}
/** Any emotion but the given one (the first in canonical order that is not NEUTRAL). */
const other = (e: CanonicalEmotion): CanonicalEmotion => CANONICAL_EMOTIONS.find((x) => x !== e && x !== 'NEUTRAL')!
const dailyText = (entryId: number) => t.service.db.prepare("SELECT dominant, p_sad FROM analysis_daily WHERE entry_id = ? AND source = 'text'").get(entryId) as { dominant: string; p_sad: number }

describe('correcting a sentence (real text model in the analysis process)', () => {
  it('shows the writer’s emotion, changes the mix, the day and the trend row, survives re-analysis, follows the sentence and undoes in one call', async () => {
    const { api, service } = t
    const p = await profile()
    const text = '오늘은 회사에서 발표를 했다. 팀장님이 잘했다고 칭찬해 주셨다.'
    const entry = await api.entries.create({ profileId: p, entryDate: '2026-11-24', text })
    const first = (await api.analysis.entryText({ entryId: entry.id }))!
    const target = first.sentences[1]!
    const model = dominantEmotion(target.canonical)
    const wanted: CanonicalEmotion = model === 'SAD' ? 'FEAR' : 'SAD'

    const { correction, analysis } = await api.corrections.setSentence({ entryId: entry.id, start: target.start, end: target.end, text: target.text, emotion: wanted })
    expect(correction).toMatchObject({ kind: 'sentence', entryId: entry.id, sentence: target.text, emotion: wanted, modelEmotion: model, date: '2026-11-24', profileId: p })
    expect(analysis.sentences[1]).toMatchObject({ correctionId: correction.id, reading: target.canonical })
    expect(dominantEmotion(analysis.sentences[1]!.canonical)).toBe(wanted)
    expect(analysis.sentences[1]!.canonical[wanted]).toBe(1)
    expect(analysis.mix).not.toEqual(first.mix)
    expect(analysis.createdAt).toBe(first.createdAt)
    // The stored distribution is what the trend triggers and the day read.
    expect(dailyText(entry.id).dominant).toBe(dominantEmotion(analysis.mix))
    expect((await api.entries.day({ entryId: entry.id })).headline?.dominant).toBe(dominantEmotion(analysis.mix))
    expect(await api.corrections.list({ profileId: p })).toEqual([correction])

    // Reading again (the model runs) keeps the correction.
    const again = (await api.analysis.entryText({ entryId: entry.id }))!
    expect(again.createdAt > first.createdAt).toBe(true)
    expect(again.sentences[1]).toMatchObject({ correctionId: correction.id, canonical: analysis.sentences[1]!.canonical })
    expect(again.mix).toEqual(analysis.mix)

    // Text written before it moves the sentence: the correction follows it.
    const longer = await api.entries.update({ id: entry.id, text: `아침부터 비가 왔다. ${text}` })
    const moved = (await api.analysis.entryText({ entryId: longer.id }))!
    const corrected = moved.sentences.find((s) => s.correctionId === correction.id)!
    expect(corrected.text).toBe(target.text)
    expect(corrected.start).toBe(target.start + '아침부터 비가 왔다. '.length)
    expect((await api.corrections.list({ profileId: p }))[0]).toMatchObject({ start: corrected.start, end: corrected.end })

    // Undo: the model's reading is back, at once and without a model run.
    const undone = await api.corrections.undo({ id: correction.id })
    expect(undone.removed.id).toBe(correction.id)
    expect(undone.entryAnalysis!.sentences.every((s) => s.correctionId === null && s.reading === null)).toBe(true)
    expect(undone.entryAnalysis!.createdAt).toBe(moved.createdAt)
    expect(undone.entryAnalysis!.mix).toEqual((await api.analysis.entryText({ entryId: entry.id }))!.mix)
    expect(await api.corrections.list({ profileId: p })).toEqual([])
    await adaptationIdle(service.db)
  })

  it('refuses a sentence the current reading no longer has, and forgets a correction whose sentence was edited away', async () => {
    const { api, service } = t
    const p = await profile()
    const entry = await api.entries.create({ profileId: p, entryDate: '2026-11-24', text: '비가 왔다. 우산이 없었다.' })
    const read = (await api.analysis.entryText({ entryId: entry.id }))!
    const s = read.sentences[1]!
    await expect(api.corrections.setSentence({ entryId: entry.id, start: s.start, end: s.end, text: '다른 문장.', emotion: 'SAD' })).rejects.toMatchObject({
      code: 'conflict',
      reason: 'reading-changed'
    })
    await api.corrections.setSentence({ entryId: entry.id, start: s.start, end: s.end, text: s.text, emotion: 'SAD' })
    await api.entries.update({ id: entry.id, text: '비가 왔다. 다행히 우산이 있었다.' })
    expect(await api.corrections.list({ profileId: p })).toEqual([])
    const fresh = (await api.analysis.entryText({ entryId: entry.id }))!
    expect(fresh.sentences.every((x) => x.correctionId === null)).toBe(true)
    await adaptationIdle(service.db)
  })
})

describe('correcting a voice memo’s result', () => {
  it('replaces every reading of the memo with the writer’s emotion, keeps the readings beside it, and undoes', async () => {
    const { api, service } = t
    const p = await profile()
    const entry = (await api.moods.set({ profileId: p, date: '2026-11-25', emotion: 'NEUTRAL' })).entryId
    await api.moods.clear({ profileId: p, date: '2026-11-25' })
    const memoId = addMemo(service.db, entry, { transcript: null })
    insertAnalysis(service.db, { memoId, source: 'audio', modelId: 'voice-test', labels: [], probs: [], canonical: dist({ ANGRY: 0.7, NEUTRAL: 0.3 }) })
    const read = await api.memos.setTranscript({ memoId, transcript: '오늘 친구랑 웃으면서 산책했어.' })
    expect(read.text && read.fused).toBeTruthy()
    const model = dominantEmotion(read.fused!.canonical)
    const wanted = other(model)

    const { correction, analysis } = await api.corrections.setMemo({ memoId, emotion: wanted })
    expect(correction).toMatchObject({ kind: 'memo', memoId, emotion: wanted, modelEmotion: model, sentence: null })
    expect(analysis.correction).toEqual({ id: correction.id, emotion: wanted })
    for (const part of [analysis.voice!, analysis.text!, analysis.fused!]) expect(part.canonical[wanted]).toBe(1)
    expect(analysis.voice!.reading).toEqual(read.voice!.canonical)
    expect(analysis.fused!.reading).toEqual(read.fused!.canonical)
    const day = await api.entries.day({ entryId: entry })
    expect(day.sources.map((s) => [s.source, s.dominant])).toEqual([
      ['text', wanted],
      ['audio', wanted],
      ['fused', wanted]
    ])
    // A second correction of the memo replaces the first.
    const second = await api.corrections.setMemo({ memoId, emotion: 'NEUTRAL' })
    expect((await api.corrections.list({ profileId: p })).map((c) => c.id)).toEqual([second.correction.id])
    const undone = await api.corrections.undo({ id: second.correction.id })
    expect(undone.memoAnalysis).toMatchObject({ correction: null, voice: { canonical: read.voice!.canonical, reading: null }, fused: { canonical: read.fused!.canonical } })
  })
})
