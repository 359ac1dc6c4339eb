import { resolve } from 'node:path'
import { HaruApiError } from '../../shared/api/errors'
import type { AudioBaselineUsed, AudioMode } from '../../shared/analysis/protocol'
import type { MemoVoiceStats } from '../../shared/calibration/auto-baseline'
import { currentAutomaticBaseline } from '../../main/repos/automatic-baselines'
import { baselineVectorsSchema, type AudioModelManifest, type BaselineVectors } from '../../shared/models/manifest'
import { chooseBaseline } from '../../main/baseline-choice'
import { withAnalysisHost } from '../analysis'
import { loadModelOption } from '../model-option'
import { call, stringFlag, UsageError, type Command, type CommandContext } from '../context'
import { readCliFile } from '../read-file'
import { MAX_WAV_FILE_BYTES } from '../../analysis/audio/read-wav'

export const mfccCommand: Command = {
  usage: 'mfcc FILE.wav --json',
  summary: "13 MFCC per frame at the file's own sample rate (librosa 0.11 parity; no resampling)",
  flags: {},
  diary: 'lazy',
  async run(ctx) {
    const file = ctx.args[0]
    if (!file) throw new UsageError('mfcc needs a WAV file')
    const wav = await readCliFile(resolve(file), MAX_WAV_FILE_BYTES)
    const result = await withAnalysisHost((host) => host.request('mfcc', { wav }))
    ctx.out(ctx.flags.json ? JSON.stringify(result) : `${result.frames} frames × 13 MFCC at ${result.sr} Hz (use --json for the values)`)
  }
}

interface CliBaseline {
  vectors: BaselineVectors
  label: string
  /** profile:NAME before calibration: the profile's memos' statistic (null: none yet), so the analysis chooses automatic → fallback. */
  profileVoiceStats?: MemoVoiceStats | null
}

async function baselineFor(ctx: CommandContext, spec: string, manifest: AudioModelManifest): Promise<CliBaseline> {
  const lower = spec.toLowerCase()
  if (lower === 'male') return { vectors: manifest.baselines.MALE, label: 'default-male' }
  if (lower === 'female') return { vectors: manifest.baselines.FEMALE, label: 'default-female' }
  if (spec.startsWith('file:')) {
    let json: unknown
    try {
      json = JSON.parse((await readCliFile(resolve(spec.slice(5)), 2 ** 20)).toString('utf8'))
    } catch (err) {
      if (err instanceof HaruApiError) throw err
      throw new HaruApiError('invalid-input', `${spec.slice(5)} is not JSON`)
    }
    const parsed = baselineVectorsSchema.safeParse(json)
    if (!parsed.success) throw new HaruApiError('invalid-input', `${spec.slice(5)} is not a baseline: it needs "mean" and "std" with 13 numbers each (std > 0)`)
    return { vectors: parsed.data, label: spec }
  }
  if (spec.startsWith('profile:')) {
    const name = spec.slice('profile:'.length)
    // The profile's baseline is in the diary: the one case here that needs it unlocked.
    await ctx.unlock()
    const profile = (await call(ctx.service, 'profiles', 'list', {})).find((p) => p.name === name)
    if (!profile) throw new HaruApiError('not-found', `no profile named "${name}"`)
    // The app's choice: calibrated → automatic (the profile's memos, ≥ 10 s of speech) → per-memo fallback.
    const choice = chooseBaseline(ctx.service.db, profile, manifest)
    if (choice.source === 'calibrated') return { vectors: choice.vectors, label: `profile:${name} (calibrated #${choice.baselineId})` }
    const auto = currentAutomaticBaseline(ctx.service.db, profile.id)
    return { vectors: choice.vectors, label: `profile:${name} (${auto ? `automatic v${auto.version}` : 'no automatic baseline yet'})`, profileVoiceStats: auto?.pool ?? null }
  }
  throw new UsageError(`--baseline must be male, female, profile:NAME or file:JSON, not "${spec}"`)
}

/** What the JSON's `baselineUsed.source` says: `given` is named after the --baseline it was. */
function baselineUsedName(source: AudioBaselineUsed['source'], label: string): string {
  if (source !== 'given') return source
  if (label.includes('(calibrated')) return 'calibrated'
  if (label.startsWith('default-')) return 'gender-default'
  return 'file'
}

export const analyzeAudioCommand: Command = {
  usage: 'analyze-audio FILE.wav [--model default|seed|PATH] [--baseline male|female|profile:NAME|file:JSON] [--mode seed|full] --json',
  summary: 'emotion probabilities of a recording, through the analysis process',
  flags: { model: 'string', baseline: 'string', mode: 'string' },
  diary: 'lazy',
  async run(ctx) {
    const file = ctx.args[0]
    if (!file) throw new UsageError('analyze-audio needs a WAV file')
    const mode = (stringFlag(ctx, 'mode') ?? 'full') as AudioMode
    if (mode !== 'seed' && mode !== 'full') throw new UsageError(`--mode must be seed or full, not "${mode}"`)
    const pack = await loadModelOption(ctx, 'audio')
    const baseline = await baselineFor(ctx, stringFlag(ctx, 'baseline') ?? 'female', pack.manifest)
    const wav = await readCliFile(resolve(file), MAX_WAV_FILE_BYTES)
    const result = await withAnalysisHost((host) =>
      host.request('analyze-audio', {
        wav,
        packDir: pack.dir,
        baseline: baseline.vectors,
        mode,
        ...(baseline.profileVoiceStats !== undefined ? { profileVoiceStats: baseline.profileVoiceStats } : {})
      })
    )
    const used = baselineUsedName(result.baselineUsed.source, baseline.label)
    if (ctx.flags.json) {
      // `voiceStats` is the memo's histogram (kB of numbers): not what a reader of this JSON wants.
      const { voiceStats: _stats, ...shown } = result
      return ctx.out(JSON.stringify({ ...shown, baseline: baseline.label, baselineUsed: { ...result.baselineUsed, source: used } }, null, 2))
    }
    const ranked = result.labels.map((l, i) => [l, result.probs[i]!] as const).sort((a, b) => b[1] - a[1])
    ctx.out(`${result.modelId} · ${mode} mode · ${result.windowsUsed}/${result.windowsTotal} windows · baseline ${baseline.label} → ${used}`)
    ctx.out(`confidence ${(result.confidence * 100).toFixed(0)}%${result.uncertain ? ' (uncertain)' : ''}${result.quality.ok ? '' : ` · quality: ${result.quality.problems.join(', ')}`}`)
    for (const [label, p] of ranked) ctx.out(`${label.padEnd(9)} ${(p * 100).toFixed(1).padStart(5)}%`)
  }
}
