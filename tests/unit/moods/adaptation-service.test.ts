import { describe, expect, it } from 'vitest'
import { adaptationIdle } from '../../../src/main/adaptation/background-work'
import { trainProfileAdapter } from '../../../src/main/adaptation/profile-adapter'
import { resourcesDir } from '../../../src/main/resources-dir'
import { dominantEmotion } from '../../../src/shared/emotions'
import { useTestService } from '../../helpers/test-service'

// The background analysis queue runs by itself, as in the app: it reads the diary again after an adapter change.
const t = useTestService({ backgroundAnalysis: true })
/** The service's own handler context, as the adaptation code gets it. */
const ctx = () => ({ db: t.service.db, dataDir: t.service.dataDir, resourcesDir: resourcesDir(), analysis: t.service.analysis, queue: t.service.queue })
/** Training done, and the queue's re-reading that it asked for. */
const settled = async () => {
  await adaptationIdle(t.service.db)
  await t.service.queue.whenIdle()
}

/** A writer's habit the base model does not know: "HP 바닥" (HP at zero) is how this writer says they are low. */
const HABIT = ['퇴근하고 나니 HP 바닥.', '오늘 회의 세 개 연속이라 HP 바닥이다.', '마트에서 장 보고 오니까 HP 바닥임.']
const NEW_SENTENCE = '오늘도 HP 바닥이네.'
const UNRELATED = '친구가 생일 선물을 보내 줘서 너무 기뻤다.'

async function writeAndRead(profileId: number, date: string, text: string) {
  const entry = await t.api.entries.create({ profileId, entryDate: date, text })
  return { entry, reading: (await t.api.analysis.entryText({ entryId: entry.id }))! }
}

describe('per-profile adaptation (real pack, real analysis process)', () => {
  it('learns a repeated phrasing from corrections, reads a similar new sentence the writer’s way, and re-reads the diary in the background', async () => {
    const { api, service } = t
    const p = (await api.profiles.create({ name: '지민' })).id
    const other = (await api.profiles.create({ name: '하늘' })).id
    const before = await writeAndRead(p, '2026-11-01', NEW_SENTENCE)
    expect(dominantEmotion(before.reading.sentences[0]!.canonical)).not.toBe('SAD')
    const unrelated = await writeAndRead(p, '2026-11-02', UNRELATED)
    expect(dominantEmotion(unrelated.reading.sentences[0]!.canonical)).toBe('HAPPY')
    expect(before.reading.adapterVersion).toBeNull()

    for (const [i, sentence] of HABIT.entries()) {
      const { entry, reading } = await writeAndRead(p, `2026-11-1${i}`, sentence)
      const s = reading.sentences[0]!
      await api.corrections.setSentence({ entryId: entry.id, start: s.start, end: s.end, text: s.text, emotion: 'SAD' })
    }
    await settled()
    const status = await api.corrections.adaptation({ profileId: p })
    expect(status).toMatchObject({ enabled: true, corrections: 3, adapter: { modelId: 'haru-text-default-v2', examples: 3, upToDate: true }, busy: false })
    const version = status.adapter!.version

    // The diary was read again through the new adapter: the first entry now reads the writer's way.
    const reread = (await api.analysis.storedEntryText({ entryId: before.entry.id }))!
    expect(reread.adapterVersion).toBe(version)
    expect(dominantEmotion(reread.sentences[0]!.canonical)).toBe('SAD')
    // A new sentence with the same habit, never corrected, reads SAD; an unrelated one keeps its reading.
    const fresh = await writeAndRead(p, '2026-11-20', `${NEW_SENTENCE} 그래도 저녁은 맛있었다.`)
    expect(fresh.reading.adapterVersion).toBe(version)
    expect(dominantEmotion(fresh.reading.sentences[0]!.canonical)).toBe('SAD')
    expect(dominantEmotion((await api.analysis.storedEntryText({ entryId: unrelated.entry.id }))!.sentences[0]!.canonical)).toBe('HAPPY')
    // Another profile's readings are its own: no adapter there.
    const elsewhere = await writeAndRead(other, '2026-11-20', NEW_SENTENCE)
    expect(elsewhere.reading.adapterVersion).toBeNull()
    expect(dominantEmotion(elsewhere.reading.sentences[0]!.canonical)).toBe(dominantEmotion(before.reading.sentences[0]!.canonical))

    // Switched off in Settings: the diary is read by the base model again, the adapter is kept.
    await api.settings.set({ profileId: p, adaptation: false })
    await settled()
    const off = (await api.analysis.storedEntryText({ entryId: before.entry.id }))!
    expect(off.adapterVersion).toBeNull()
    expect(off.sentences[0]!.canonical).toEqual(before.reading.sentences[0]!.canonical)
    expect((await api.corrections.adaptation({ profileId: p })).adapter?.version).toBe(version)
    // And on again: the same adapter, no retraining (nothing changed).
    await api.settings.set({ profileId: p, adaptation: true })
    await settled()
    expect((await api.analysis.storedEntryText({ entryId: before.entry.id }))!.adapterVersion).toBe(version)
    expect(await trainProfileAdapter(ctx(), p)).toBe(false)
  })

  it('trains nothing for a profile without corrections, and an undo of every correction leaves an adapter that learnt nothing', async () => {
    const { api, service } = t
    const p = (await api.profiles.create({ name: '지민' })).id
    expect(await trainProfileAdapter(ctx(), p)).toBe(false)
    const { entry, reading } = await writeAndRead(p, '2026-11-01', HABIT[0]!)
    const s = reading.sentences[0]!
    const { correction } = await api.corrections.setSentence({ entryId: entry.id, start: s.start, end: s.end, text: s.text, emotion: 'SAD' })
    await settled()
    const first = (await api.corrections.adaptation({ profileId: p })).adapter!
    await api.corrections.undo({ id: correction.id })
    await settled()
    const after = (await api.corrections.adaptation({ profileId: p })).adapter!
    expect(after).toMatchObject({ examples: 0, upToDate: true })
    expect(after.version).toBeGreaterThan(first.version)
    const plain = (await api.analysis.storedEntryText({ entryId: entry.id }))!
    expect(plain.adapterVersion).toBe(after.version)
    expect(dominantEmotion(plain.sentences[0]!.canonical)).toBe(dominantEmotion(s.reading ?? s.canonical))
  })
})
