import { join } from 'node:path'
import { profileToWarm } from '../../../src/main/analysis/warm-start'
import { copyDefaultTextPack } from '../../helpers/text-packs'
import { useTestService } from '../../helpers/test-service'

const app = useTestService()

describe('warm start', () => {
  it('starts the analysis process and loads the shipped pack when there is no profile yet', async () => {
    expect(app.service.analysis.pid).toBeUndefined()
    const report = await app.service.warmUp()
    expect(report.profileId).toBeNull()
    expect(report.modelId).toBe('haru-text-default-v2')
    expect(report.textReadyMs).toBeGreaterThanOrEqual(report.processReadyMs)
    const pid = app.service.analysis.pid
    expect(pid).toBeGreaterThan(0)
    // The first reading is served by that same process.
    const p = await app.api.profiles.create({ name: '지민' })
    const e = await app.api.entries.create({ profileId: p.id, entryDate: '2026-11-20', text: '오늘은 정말 행복한 하루였다.' })
    const analysis = await app.api.analysis.entryText({ entryId: e.id })
    expect(analysis?.modelId).toBe('haru-text-default-v2')
    expect(app.service.analysis.pid).toBe(pid)
  })

  it('loads the pack chosen by the profile that wrote last', async () => {
    const a = await app.api.profiles.create({ name: '지민' })
    const b = await app.api.profiles.create({ name: '하루' })
    copyDefaultTextPack(join(app.dir, 'models', 'my-text'), { id: 'my-text' })
    await app.api.models.selectText({ profileId: b.id, packId: 'my-text' })
    expect(profileToWarm(app.service.db)).toBe(a.id) // no entries yet: the first profile
    await app.api.entries.create({ profileId: a.id, entryDate: '2026-11-20', text: '가' })
    await app.api.entries.create({ profileId: b.id, entryDate: '2026-11-21', text: '나' })
    expect(profileToWarm(app.service.db)).toBe(b.id)
    const report = await app.service.warmUp()
    expect(report).toMatchObject({ profileId: b.id, modelId: 'my-text' })
  })

  it('warming a running process does not restart it', async () => {
    await app.service.warmUp()
    const pid = app.service.analysis.pid
    const again = await app.service.warmUp()
    expect(app.service.analysis.pid).toBe(pid)
    expect(again.modelId).toBe('haru-text-default-v2')
  })
})
