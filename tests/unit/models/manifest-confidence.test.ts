import { describe, expect, it } from 'vitest'
import { modelManifestSchema } from '../../../src/shared/models/manifest'
import { audioManifest } from './helpers/packs'

describe('audio manifest confidence (issue 16)', () => {
  it('is optional: a pack without it (the seed, v1) still parses', () => {
    const parsed = modelManifestSchema.parse(audioManifest())
    expect(parsed.kind === 'audio' && parsed.confidence).toBeUndefined()
  })

  it('keeps a temperature and an uncertainty threshold', () => {
    const parsed = modelManifestSchema.parse(audioManifest({ confidence: { temperature: 1.7, uncertainBelow: 0.45, fittedOn: 'validation speakers' } }))
    expect(parsed.kind === 'audio' && parsed.confidence).toEqual({ temperature: 1.7, uncertainBelow: 0.45, fittedOn: 'validation speakers' })
  })

  it('refuses a temperature that is not positive and a threshold outside 0..1, naming the field', () => {
    for (const [confidence, field] of [
      [{ temperature: 0, uncertainBelow: 0.5 }, 'temperature'],
      [{ temperature: -1, uncertainBelow: 0.5 }, 'temperature'],
      [{ temperature: 1.2, uncertainBelow: 1.5 }, 'uncertainBelow']
    ] as const) {
      const r = modelManifestSchema.safeParse(audioManifest({ confidence }))
      expect(r.success).toBe(false)
      expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(`confidence.${field}`)
    }
  })
})
