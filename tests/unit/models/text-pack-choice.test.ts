import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { entryEmotionMix } from '../../../src/shared/analysis/entry-mix'
import { encodeWav16 } from '../../../src/shared/audio'
import { CANONICAL_EMOTIONS, softmax, toCanonical, type CanonicalDistribution } from '../../../src/shared/emotions'
import { OFFICIAL_TEXT_CANONICAL_MATRIX, OFFICIAL_TEXT_LABELS } from '../../../src/shared/text/official-model'
import { activeTextPack } from '../../../src/main/analysis/text-pack-choice'
import { copyDefaultTextPack, officialLabelsTextPack, OFFICIAL_TEST_BIAS } from '../../helpers/text-packs'
import { audioManifest, writePack } from './helpers/packs'
import { useTestService } from '../../helpers/test-service'

const app = useTestService()

const modelsDir = () => join(app.dir, 'models')
const ctx = () => ({ db: app.service.db, dataDir: app.dir, resourcesDir: join(process.cwd(), 'resources') })

/** HAPPY and SAD swapped: the real default model, read through another matrix. */
const SWAPPED = CANONICAL_EMOTIONS.map((_, i) => {
  const from = i === 1 ? 3 : i === 3 ? 1 : i // rows: ANGRY, SAD, DISGUST, HAPPY, …
  return CANONICAL_EMOTIONS.map((__, j) => (j === from ? 1 : 0))
})

interface StoredRow {
  model_id: string
  labels_json: string
  probs_json: string
  canonical_json: string
  sentences_json: string
}
const latestText = (entryId: number): StoredRow =>
  app.service.db.prepare("SELECT model_id, labels_json, probs_json, canonical_json, sentences_json FROM analyses WHERE entry_id = ? AND source = 'text' ORDER BY id DESC LIMIT 1").get(entryId) as StoredRow

async function entry(profileId: number, text: string, entryDate = '2026-11-20') {
  return app.api.entries.create({ profileId, entryDate, text })
}

/** A one-second memo (a tone) on the day, for the transcript path. */
async function memo(profileId: number, entryDate = '2026-11-21') {
  const samples = Float32Array.from({ length: 16000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / 16000))
  const { recordingId } = await app.api.memos.begin({ profileId, entryDate, sampleRate: 16000 })
  await app.api.memos.appendChunk({ recordingId, seq: 0, pcm16: Buffer.from(encodeWav16(samples, 16000).subarray(44)).toString('base64') })
  return app.api.memos.finish({ recordingId })
}

describe('text model choice', () => {
  it('lists only the shipped default when nothing is imported; an unknown or malformed id is refused', async () => {
    const p = await app.api.profiles.create({ name: '지민' })
    mkdirSync(join(modelsDir(), 'asr'), { recursive: true }) // a Whisper folder is not a pack, and not "broken"
    writePack(join(modelsDir(), 'seed-audio'), { manifest: audioManifest() })
    const listed = await app.api.models.listText({ profileId: p.id })
    expect(listed).toEqual({
      packs: [expect.objectContaining({ id: 'haru-text-default-v2', location: 'shipped', labels: [...CANONICAL_EMOTIONS] })],
      defaultId: 'haru-text-default-v2',
      chosenId: null,
      activeId: 'haru-text-default-v2',
      fallback: null,
      broken: []
    })
    await expect(app.api.models.selectText({ profileId: p.id, packId: 'no-such-model' })).rejects.toMatchObject({
      name: 'HaruApiError',
      code: 'not-found',
      issues: [{ path: 'packId', message: 'unknown text model "no-such-model"' }]
    })
    // A voice pack's id is not a text model either.
    await expect(app.api.models.selectText({ profileId: p.id, packId: 'tiny-audio' })).rejects.toMatchObject({ code: 'not-found' })
    await expect(app.api.models.selectText({ profileId: p.id, packId: '../Text' })).rejects.toMatchObject({ code: 'invalid-input' })
    await expect(app.api.models.listText({ profileId: 999 })).rejects.toMatchObject({ code: 'not-found' })
    expect((await app.api.settings.get({ profileId: p.id })).textModelId).toBeNull()
  })

  it('analyses with the chosen imported pack: its id lands in analyses.model_id and its matrix makes the canonical output', async () => {
    const p = await app.api.profiles.create({ name: '지민' })
    const other = await app.api.profiles.create({ name: '하루' })
    copyDefaultTextPack(join(modelsDir(), 'swapped'), { id: 'haru-text-swapped', name: 'Swapped', canonicalMatrix: SWAPPED })
    const text = '오늘 친구가 깜짝 생일 파티를 해줘서 정말 행복하고 고마웠다.'
    const e = await entry(p.id, text)
    const before = (await app.api.analysis.entryText({ entryId: e.id }))!
    expect(before.modelId).toBe('haru-text-default-v2')
    expect(before.sentences[0]!.label).toBe('HAPPY')

    const listed = await app.api.models.listText({ profileId: p.id })
    expect(listed.packs.map((x) => [x.id, x.location])).toEqual([
      ['haru-text-default-v2', 'shipped'],
      ['haru-text-swapped', 'imported']
    ])
    const chosen = await app.api.models.selectText({ profileId: p.id, packId: 'haru-text-swapped' })
    expect(chosen).toMatchObject({ chosenId: 'haru-text-swapped', activeId: 'haru-text-swapped', fallback: null })
    expect((await app.api.settings.get({ profileId: p.id })).textModelId).toBe('haru-text-swapped')

    const after = (await app.api.analysis.entryText({ entryId: e.id }))!
    expect(after.modelId).toBe('haru-text-swapped')
    expect(latestText(e.id).model_id).toBe('haru-text-swapped')
    // Same model, same probabilities and model label; only the matrix differs, so HAPPY now reads as SAD.
    expect(after.sentences[0]!.label).toBe('HAPPY')
    expect(after.sentences[0]!.canonical.SAD).toBeCloseTo(before.sentences[0]!.canonical.HAPPY, 6)
    expect(after.sentences[0]!.canonical.HAPPY).toBeCloseTo(before.sentences[0]!.canonical.SAD, 6)
    expect(after.mix.SAD).toBeCloseTo(before.mix.HAPPY, 6)

    // The choice is the profile's: another profile still uses the default.
    expect((await app.api.models.listText({ profileId: other.id })).activeId).toBe('haru-text-default-v2')
    const e2 = await entry(other.id, text)
    expect((await app.api.analysis.entryText({ entryId: e2.id }))!.modelId).toBe('haru-text-default-v2')

    // Memo transcripts go through the same choice.
    const m = await memo(p.id)
    const memoAnalysis = await app.api.memos.setTranscript({ memoId: m.id, transcript: text })
    expect(memoAnalysis.text?.modelId).toBe('haru-text-swapped')
    expect(memoAnalysis.text?.canonical.SAD).toBeCloseTo(before.mix.HAPPY, 6)

    // Back to the default.
    expect(await app.api.models.selectText({ profileId: p.id, packId: null })).toMatchObject({ chosenId: null, activeId: 'haru-text-default-v2' })
    expect((await app.api.analysis.entryText({ entryId: e.id }))!.modelId).toBe('haru-text-default-v2')
  })

  it("maps the official model's six Korean labels through OFFICIAL_TEXT_CANONICAL_MATRIX", async () => {
    const p = await app.api.profiles.create({ name: '지민' })
    officialLabelsTextPack(join(modelsDir(), 'official'), { id: 'klue-roberta-emotion-official' })
    const listed = await app.api.models.listText({ profileId: p.id })
    expect(listed.packs.find((x) => x.id === 'klue-roberta-emotion-official')).toMatchObject({ labels: [...OFFICIAL_TEXT_LABELS], location: 'imported' })
    await app.api.models.selectText({ profileId: p.id, packId: 'klue-roberta-emotion-official' })

    const e = await entry(p.id, '친구가 약속을 또 잊어버렸다. 오늘은 아무것도 하기 싫다.')
    const result = (await app.api.analysis.entryText({ entryId: e.id }))!
    expect(result.modelId).toBe('klue-roberta-emotion-official')
    const row = latestText(e.id)
    expect(row.model_id).toBe('klue-roberta-emotion-official')
    expect(JSON.parse(row.labels_json)).toEqual([...OFFICIAL_TEXT_LABELS])

    const probs = softmax([...OFFICIAL_TEST_BIAS])
    const canonical = toCanonical(probs, OFFICIAL_TEXT_CANONICAL_MATRIX)
    const stored = JSON.parse(row.sentences_json) as { start: number; end: number; label: string; probs: number[]; canonical: CanonicalDistribution }[]
    expect(stored).toHaveLength(2)
    for (const s of stored) {
      expect(s.label).toBe('상처')
      s.probs.forEach((v, j) => expect(v).toBeCloseTo(probs[j]!, 5))
      for (const k of CANONICAL_EMOTIONS) expect(s.canonical[k]).toBeCloseTo(canonical[k], 5)
    }
    // 상처 is 60 % SAD, 20 % ANGRY, 20 % DISGUST; 슬픔 all SAD; no NEUTRAL row in the official matrix.
    expect(canonical.NEUTRAL).toBe(0)
    expect(result.sentences[0]!.canonical.SAD).toBeCloseTo(0.6 * probs[4]! + probs[5]!, 5)
    const mix = JSON.parse(row.canonical_json) as CanonicalDistribution
    const expectedMix = entryEmotionMix(stored)
    for (const k of CANONICAL_EMOTIONS) {
      expect(mix[k]).toBeCloseTo(expectedMix[k], 10)
      expect(result.mix[k]).toBeCloseTo(expectedMix[k], 10)
    }
  })

  it('falls back to the default when the chosen pack disappears or breaks, says so, and uses it again once it is back', async () => {
    const p = await app.api.profiles.create({ name: '지민' })
    const dir = copyDefaultTextPack(join(modelsDir(), 'mine'), { id: 'mine', canonicalMatrix: SWAPPED })
    await app.api.models.selectText({ profileId: p.id, packId: 'mine' })
    const e = await entry(p.id, '정말 행복했다.')
    const m = await memo(p.id)

    renameSync(dir, join(app.dir, 'away'))
    const gone = await app.api.models.listText({ profileId: p.id })
    expect(gone).toMatchObject({ chosenId: 'mine', activeId: 'haru-text-default-v2', packs: [expect.objectContaining({ id: 'haru-text-default-v2' })] })
    expect(gone.fallback).toBe('the chosen text model "mine" is not installed any more; the default model "haru-text-default-v2" was used instead')
    expect((await activeTextPack(ctx(), p.id)).fallback).toBe(gone.fallback)
    expect((await app.api.analysis.entryText({ entryId: e.id }))!.modelId).toBe('haru-text-default-v2')
    const memoAnalysis = await app.api.memos.setTranscript({ memoId: m.id, transcript: '정말 행복했다.' })
    expect(memoAnalysis.text?.modelId).toBe('haru-text-default-v2')
    expect(memoAnalysis.notes).toContain(gone.fallback)
    // The choice is kept, not silently reset.
    expect((await app.api.settings.get({ profileId: p.id })).textModelId).toBe('mine')

    renameSync(join(app.dir, 'away'), dir)
    writeFileSync(join(dir, 'manifest.json'), '{ broken')
    const broken = await app.api.models.listText({ profileId: p.id })
    expect(broken.activeId).toBe('haru-text-default-v2')
    expect(broken.fallback).toMatch(/^the chosen text model "mine" is broken \(.*manifest\.json: is not valid JSON/)
    expect(broken.broken).toEqual([{ folder: dir, message: expect.stringContaining('is not valid JSON') }])

    rmSync(dir, { recursive: true })
    copyDefaultTextPack(dir, { id: 'mine', canonicalMatrix: SWAPPED })
    expect(await app.api.models.listText({ profileId: p.id })).toMatchObject({ activeId: 'mine', fallback: null, broken: [] })
    expect((await app.api.analysis.entryText({ entryId: e.id }))!.modelId).toBe('mine')
  })
})

describe('installing a text pack (models.installText)', () => {
  const source = (name: string) => join(app.dir, 'src', name)

  it('validates and copies a pack into <data>/models/<id>/, where the switcher lists it', async () => {
    const p = await app.api.profiles.create({ name: '지민' })
    officialLabelsTextPack(source('export'), { id: 'klue-roberta-emotion-official' })
    writeFileSync(join(source('export'), '.DS_Store'), 'junk')
    writeFileSync(join(source('export'), 'MODEL_CARD.md'), '# card')
    const info = await app.api.models.installText({ path: source('export') })
    expect(info).toEqual({
      id: 'klue-roberta-emotion-official',
      name: 'Official labels (test model)',
      version: '1.0.0',
      license: 'see the model publisher',
      description: expect.any(String),
      labels: [...OFFICIAL_TEXT_LABELS],
      location: 'imported'
    })
    const installed = join(modelsDir(), 'klue-roberta-emotion-official')
    expect(readdirSync(installed).sort()).toEqual(['MODEL_CARD.md', 'manifest.json', 'model.onnx', 'tokenizer'])
    expect(readdirSync(modelsDir())).toEqual(['klue-roberta-emotion-official']) // no staging folder left
    expect((await app.api.models.listText({ profileId: p.id })).packs.map((x) => x.id)).toEqual(['haru-text-default-v2', 'klue-roberta-emotion-official'])
    await expect(app.api.models.installText({ path: source('export') })).rejects.toMatchObject({ code: 'conflict' })
  })

  it('refuses a voice pack, a damaged model, a model that does not fit its labels, a taken id and a missing folder', async () => {
    writePack(source('voice'), { manifest: audioManifest() })
    await expect(app.api.models.installText({ path: source('voice') })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('only text model packs') })

    officialLabelsTextPack(source('damaged'), { id: 'damaged' })
    writeFileSync(join(source('damaged'), 'model.onnx'), 'not a model') // neither the size nor the SHA-256 of the manifest
    await expect(app.api.models.installText({ path: source('damaged') })).rejects.toMatchObject({ code: 'invalid-input' })

    // Seven labels (and a 7 × 7 matrix) on a six-logit model: only running it shows the mismatch.
    const seven = CANONICAL_EMOTIONS.map((_, i) => CANONICAL_EMOTIONS.map((__, j) => (i === j ? 1 : 0)))
    officialLabelsTextPack(source('misfit'), { id: 'misfit', manifest: { labels: [...CANONICAL_EMOTIONS], canonicalMatrix: seven } })
    await expect(app.api.models.installText({ path: source('misfit') })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/failed its trial analysis.*should be float32 \[1, 7\]/)
    })
    expect(existsSync(join(modelsDir(), 'misfit'))).toBe(false)

    copyDefaultTextPack(source('taken'), { id: 'haru-text-default-v2' })
    await expect(app.api.models.installText({ path: source('taken') })).rejects.toMatchObject({ code: 'conflict' })
    await expect(app.api.models.installText({ path: source('nowhere') })).rejects.toMatchObject({ code: 'invalid-input' })
    expect(existsSync(modelsDir()) ? readdirSync(modelsDir()) : []).toEqual([])
  })

  it('a pack removed and installed again under the same id is loaded afresh by the analysis process', async () => {
    const p = await app.api.profiles.create({ name: '지민' })
    officialLabelsTextPack(source('v1'), { id: 'reinstalled' })
    officialLabelsTextPack(source('v2'), { id: 'reinstalled', bias: [4, 0, 0, 0, 0, 0] }) // 기쁨
    await app.api.models.installText({ path: source('v1') })
    await app.api.models.selectText({ profileId: p.id, packId: 'reinstalled' })
    const e = await entry(p.id, '그랬다.')
    expect((await app.api.analysis.entryText({ entryId: e.id }))!.sentences[0]!.label).toBe('상처')
    rmSync(join(modelsDir(), 'reinstalled'), { recursive: true })
    await app.api.models.installText({ path: source('v2') })
    expect((await app.api.analysis.entryText({ entryId: e.id }))!.sentences[0]!.label).toBe('기쁨')
  })
})
