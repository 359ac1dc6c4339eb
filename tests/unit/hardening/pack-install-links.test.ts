/**
 * Defect 6 of issue 13: installing a text model pack must copy regular files only. Symbolic links
 * in the pack (the tokenizer folder, model.onnx, a link to /etc/shadow or to /) and a pack folder
 * that is itself a link are refused, nothing is installed, and what is installed is what was checked.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HaruApiError } from '../../../src/shared/api/errors'
import { readInstalledPacks } from '../../../src/main/models/installed-packs'
import { officialLabelsTextPack } from '../../helpers/text-packs'
import { useTestService } from '../../helpers/test-service'

const app = useTestService()
const source = (name: string) => join(app.dir, 'incoming', name)
const modelsDir = () => join(app.dir, 'models')

async function refusal(path: string): Promise<HaruApiError> {
  const err = (await app.api.models.installText({ path }).then(
    () => null,
    (e: unknown) => e
  )) as HaruApiError | null
  expect(err, `${path} was installed`).not.toBeNull()
  return err!
}

function expectNothingInstalled(): void {
  expect(existsSync(modelsDir()) ? readdirSync(modelsDir()) : []).toEqual([])
}

describe('installing a model pack with symbolic links (defect 6)', () => {
  it('refuses a pack whose model.onnx is a link (to a real model elsewhere)', async () => {
    const real = officialLabelsTextPack(source('real'), { id: 'linked-model' })
    const pack = officialLabelsTextPack(source('pack'), { id: 'linked-model' })
    rmSync(join(pack, 'model.onnx'))
    symlinkSync(join(real, 'model.onnx'), join(pack, 'model.onnx'))
    const err = await refusal(pack)
    expect(err.message).toMatch(/model\.onnx.*symbolic link/)
    expectNothingInstalled()
  })

  it('refuses a pack whose tokenizer folder is a link', async () => {
    const real = officialLabelsTextPack(source('real'), { id: 'linked-tokenizer' })
    const pack = officialLabelsTextPack(source('pack'), { id: 'linked-tokenizer' })
    rmSync(join(pack, 'tokenizer'), { recursive: true })
    symlinkSync(join(real, 'tokenizer'), join(pack, 'tokenizer'))
    expect((await refusal(pack)).message).toMatch(/tokenizer.*symbolic link/)
    expectNothingInstalled()
  })

  it('refuses extra files that link to /etc/shadow or to /', async () => {
    const shadow = officialLabelsTextPack(source('shadow'), { id: 'shadow' })
    symlinkSync('/etc/shadow', join(shadow, 'LICENSE'))
    expect((await refusal(shadow)).message).toMatch(/LICENSE.*symbolic link/)
    const root = officialLabelsTextPack(source('root'), { id: 'root' })
    symlinkSync('/', join(root, 'extras'))
    expect((await refusal(root)).message).toMatch(/extras.*symbolic link/)
    expectNothingInstalled()
  })

  it('refuses a pack folder that is itself a link', async () => {
    const real = officialLabelsTextPack(source('real'), { id: 'linked-pack' })
    symlinkSync(real, source('link'))
    expect((await refusal(source('link'))).message).toMatch(/symbolic link/)
    expectNothingInstalled()
  })

  it('installs a clean pack as regular files only, and records the SHA-256 of what it installed', async () => {
    const pack = officialLabelsTextPack(source('clean'), { id: 'clean-pack' })
    await app.api.models.installText({ path: pack })
    const installed = join(modelsDir(), 'clean-pack')
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (lstatSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]))
    for (const f of walk(installed)) expect(lstatSync(f).isFile(), f).toBe(true)
    const manifest = JSON.parse(readFileSync(join(installed, 'manifest.json'), 'utf8')) as { integrity: { onnxSha256: string } }
    const onnxSha = createHash('sha256').update(readFileSync(join(installed, 'model.onnx'))).digest('hex')
    expect(onnxSha).toBe(manifest.integrity.onnxSha256)
    // The install record holds the SHA-256 of each file as written, and the pack is usable only while they match.
    const [record] = readInstalledPacks(app.dir)
    expect(record).toMatchObject({ id: 'clean-pack', folder: 'clean-pack', files: { 'model.onnx': { sha256: onnxSha } } })
    const p = await app.api.profiles.create({ name: '지민' })
    expect((await app.api.models.selectText({ profileId: p.id, packId: 'clean-pack' })).activeId).toBe('clean-pack')
    const tokenizer = join(installed, 'tokenizer', 'tokenizer_config.json')
    writeFileSync(tokenizer, readFileSync(tokenizer, 'utf8').replace('{', '{ '))
    const changed = await app.api.models.listText({ profileId: p.id })
    expect(changed.activeId).toBe('haru-text-default-v2')
    expect(changed.broken).toEqual([{ folder: installed, message: expect.stringMatching(/changed since it was installed.*tokenizer_config\.json/) }])
  })
})
