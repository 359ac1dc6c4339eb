import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/index'
import { copyDefaultTextPack } from '../../helpers/text-packs'
import { makeTempDir } from '../../helpers/temp-dir'

describe('haru models install-text-pack', { timeout: 90_000 }, () => {
  const tmp = makeTempDir()
  const dataDir = join(tmp.dir, 'data')
  afterAll(() => tmp.cleanup())

  async function haru(argv: string[]) {
    const out: string[] = []
    const err: string[] = []
    const code = await main([...argv, '--data-dir', dataDir], (s) => out.push(s), (s) => err.push(s))
    return { code, out: out.join('\n'), err: err.join('\n') }
  }

  it('installs a valid pack into the diary, refuses the same id twice and a folder that is not a pack', async () => {
    const pack = copyDefaultTextPack(join(tmp.dir, 'incoming'), { id: 'my-text-model', name: 'My model' })
    const first = await haru(['models', 'install-text-pack', pack, '--json'])
    expect(first.err).toBe('')
    expect(first.code).toBe(0)
    const info = JSON.parse(first.out) as { id: string; labels: string[] }
    expect(info.id).toBe('my-text-model')
    expect(info.labels).toEqual(JSON.parse(readFileSync(join(pack, 'manifest.json'), 'utf8')).labels)
    expect(existsSync(join(dataDir, 'models', 'my-text-model', 'model.onnx'))).toBe(true)

    const again = await haru(['models', 'install-text-pack', pack])
    expect(again.code).toBe(1)
    expect(again.err).toMatch(/my-text-model/)

    const notAPack = await haru(['models', 'install-text-pack', tmp.dir])
    expect(notAPack.code).toBe(1)
    expect(notAPack.err).not.toBe('')
  })

  it('needs exactly one folder', async () => {
    expect((await haru(['models', 'install-text-pack'])).code).toBe(2)
  })
})
