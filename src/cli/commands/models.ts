import { resolve } from 'node:path'
import { importSeedAudioFromPaths } from '../../main/models/seed-import'
import { call, stringFlag, UsageError, type Command } from '../context'

export const importSeedAudioCommand: Command = {
  usage: 'models import-seed-audio --pth P --labels L --baselines B --out DIR',
  summary: "turn the seed's PyTorch checkpoint into a model pack (B: baselines.json or a folder of the four .npy files)",
  flags: { pth: 'string', labels: 'string', baselines: 'string', out: 'string' },
  diary: 'lazy',
  async run(ctx) {
    const [pth, labels, baselines, out] = ['pth', 'labels', 'baselines', 'out'].map((f) => stringFlag(ctx, f))
    if (!pth || !labels || !baselines || !out) throw new UsageError('models import-seed-audio needs --pth, --labels, --baselines and --out')
    const result = await importSeedAudioFromPaths({ pth: resolve(pth), labels: resolve(labels), baselines: resolve(baselines), out: resolve(out) })
    if (ctx.flags.json) return ctx.out(JSON.stringify({ packDir: result.packDir, manifest: result.manifest, warnings: result.warnings }, null, 2))
    ctx.out(`imported ${result.manifest.id} into ${result.packDir}`)
    for (const w of result.warnings) ctx.out(`warning: ${w}`)
  }
}

export const installTextPackCommand: Command = {
  usage: 'models install-text-pack DIR',
  summary: 'check a text model pack folder (e.g. from training/text/export_official.py) and copy it into the diary; choose it in Settings',
  flags: {},
  async run(ctx) {
    if (ctx.args.length !== 1) throw new UsageError('models install-text-pack needs one folder')
    const info = await call(ctx.service, 'models', 'installText', { path: resolve(ctx.args[0]!) })
    if (ctx.flags.json) return ctx.out(JSON.stringify(info, null, 2))
    ctx.out(`installed ${info.id} ${info.version} (labels ${info.labels.join(', ')}); choose it in Settings`)
  }
}
