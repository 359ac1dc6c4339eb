/**
 * The channel-shift evaluation of issue 16: EmoDB, leave-two-speakers-out fold models, every test
 * clip through the fixed channel conditions of channels.ts (EVAL_CONDITIONS), scored in the app's
 * `full` mode under four baseline regimes (eval-regimes.ts), plus the minimum-speech curve.
 *
 *   npx tsx training/audio/export-channel-features.ts --set eval          # once
 *   npx tsx training/audio/eval-channels.ts \
 *     --model haru-audio-emodb=training/.cache/calibration/folds \
 *     --model haru-audio-emodb-v2=training/.cache/audio-v2/folds --curve haru-audio-emodb-v2
 *
 * Writes training/audio/CHANNEL_EVAL.md (tables) and training/.cache/audio-v2/channel-eval.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { loadFeatureSet, type FeatureSet } from './eval-features'
import { clipLogits, loadFolds, probsOf, type FoldModel } from './eval-model'
import { calibrationFallbacks, curveItems, regimeItems, REGIMES, type Regime, type Scored } from './eval-regimes'
import type { Outcome } from './eval-metrics'
import { writeChannelReport, type EvalResults, type ModelResults } from './eval-channels-report'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '..', '..')
const { values: args } = parseArgs({
  options: {
    features: { type: 'string', default: join(repo, 'training', '.cache', 'audio-v2', 'eval') },
    model: { type: 'string', multiple: true, default: [] },
    curve: { type: 'string', multiple: true, default: [] },
    seconds: { type: 'string', default: '2,4,6,8,10,15,20,30,40' },
    draws: { type: 'string', default: '4' },
    out: { type: 'string', default: join(here, 'CHANNEL_EVAL.md') },
    json: { type: 'string', default: join(repo, 'training', '.cache', 'audio-v2', 'channel-eval.json') }
  }
})

interface Thresholded {
  threshold: number
}

async function outcomesOf(model: FoldModel, items: readonly Scored[]): Promise<{ raw: Outcome[]; calibrated: Outcome[] }> {
  const logits = await clipLogits(model, items)
  return {
    raw: items.map((it, i) => ({ label: it.clip.label, probs: probsOf(logits[i]!), file: it.clip.file })),
    calibrated: items.map((it, i) => ({ label: it.clip.label, probs: probsOf(logits[i]!, model.temperature), file: it.clip.file }))
  }
}

async function evaluateModel(name: string, dir: string, set: FeatureSet, withCurve: boolean): Promise<ModelResults> {
  const folds = await loadFolds(dir)
  const foldInfo = folds.map((f) => ({ ...f, threshold: (JSON.parse(readFileSync(join(dir, `${f.name}.json`), 'utf8')) as Partial<Thresholded>).threshold ?? null }))
  const regimes = Object.fromEntries(REGIMES.map((r) => [r, {} as Record<string, { raw: Outcome[]; calibrated: Outcome[]; threshold: (number | null)[] }>])) as ModelResults['regimes']
  const seconds = args.seconds!.split(',').map(Number)
  const curve: ModelResults['curve'] = withCurve ? { seconds, pool: {}, poolWithSelf: {} } : null
  const started = performance.now()
  for (const condition of set.conditions) {
    const bySpeaker = set.byCondition.get(condition)!
    for (const fold of foldInfo) {
      for (const speaker of fold.heldOut) {
        const clips = bySpeaker.get(speaker)
        if (!clips) throw new Error(`no ${speaker} clips under ${condition}`)
        for (const regime of REGIMES) {
          const o = await outcomesOf(fold, regimeItems(regime as Regime, fold, clips))
          const slot = (regimes[regime as Regime][condition] ??= { raw: [], calibrated: [], threshold: [] })
          slot.raw.push(...o.raw)
          slot.calibrated.push(...o.calibrated)
          slot.threshold.push(...o.raw.map(() => fold.threshold))
        }
        if (curve) {
          for (const [key, withSelf] of [['pool', false], ['poolWithSelf', true]] as const) {
            for (const s of withSelf ? [0, ...seconds] : seconds) {
              const items = curveItems(clips, s, Number(args.draws), withSelf)
              const o = await outcomesOf(fold, items)
              const bySec = (curve[key][String(s)] ??= {})
              const slot = (bySec[condition] ??= { outcomes: [], pooledSec: [] })
              slot.outcomes.push(...o.calibrated)
              slot.pooledSec.push(...items.map((it) => it.pooledSec))
            }
          }
        }
      }
    }
    console.log(`${name}: ${condition} done (${((performance.now() - started) / 1000).toFixed(0)} s)`)
  }
  for (const f of folds) await f.session.release()
  return { name, dir, temperatures: folds.map((f) => f.temperature), thresholds: foldInfo.map((f) => f.threshold), regimes, curve }
}

const set = loadFeatureSet(args.features!)
console.log(`${set.clips.length} clip × condition feature matrices, ${set.conditions.length} conditions`)
const models: ModelResults[] = []
for (const spec of args.model!) {
  const [name, dir] = spec.split('=') as [string, string]
  models.push(await evaluateModel(name, resolve(dir), set, args.curve!.includes(name)))
}
const results: EvalResults = { conditions: set.conditions, models, calibrationFallbacks: [...new Set(calibrationFallbacks)], quality: set.clips.map((c) => ({ file: c.file, channel: c.channel, problems: c.quality?.problems ?? [], clippedFraction: c.quality?.metrics.clippedFraction ?? 0, voicedSec: c.quality?.metrics.voicedSec ?? 0 })) }
mkdirSync(dirname(args.json!), { recursive: true })
writeFileSync(args.json!, JSON.stringify(results))
writeChannelReport(args.out!, results)
console.log(`wrote ${args.out} and ${args.json}`)
