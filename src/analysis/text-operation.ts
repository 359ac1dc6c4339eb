import { statSync } from 'node:fs'
import { join } from 'node:path'
import type { TextAnalysisRequest, TextAnalysisResult, TextEmbedRequest, TextEmbedResult } from '../shared/analysis/protocol'
import { entryEmotionMix } from '../shared/analysis/entry-mix'
import { adaptSentence, isTextAdapterWeights } from '../shared/adaptation/adapter'
import { createTextEngine, type TextEngine } from './text/engine'
import { TextEngineError } from './text/errors'

// One engine (tokenizer + ONNX session) per pack for the life of the process, keyed by the folder
// and its manifest and model files (inode, mtime): a pack removed and installed again in the same
// folder (`<data>/models/<id>/`) is loaded afresh instead of answering with the old model.
const engines = new Map<string, Promise<TextEngine>>()

function packVersionKey(packDir: string): string {
  const version = (file: string): string => {
    const s = statSync(join(packDir, file), { throwIfNoEntry: false })
    return s ? `${s.ino}:${s.mtimeMs}` : '-'
  }
  return `${packDir}\0${version('manifest.json')}\0${version('model.onnx')}`
}

/** The loaded engine of a pack (loaded on first use, reloaded when the pack's files change). */
export function textEngineFor(packDir: string): Promise<TextEngine> {
  const key = packVersionKey(packDir)
  let engine = engines.get(key)
  if (!engine) {
    for (const [old, stale] of engines) {
      if (old.startsWith(`${packDir}\0`)) {
        engines.delete(old)
        void stale.then((e) => e.close()).catch(() => undefined)
      }
    }
    engine = createTextEngine(packDir)
    // A pack that failed to load may be fixed later: do not cache the failure.
    engine.catch(() => engines.delete(key))
    engines.set(key, engine)
  }
  return engine
}

/**
 * Loads a pack into the engine cache ahead of its first analysis (warm start after the window
 * shows), so the first reading does not wait for the tokenizer and the ONNX session.
 */
export async function warmTextPack(req: { packDir: string }): Promise<{ modelId: string; loadMs: number }> {
  const start = performance.now()
  const engine = await textEngineFor(req.packDir)
  // One tiny run too: ONNX Runtime's first run allocates and picks kernels, which the writer's
  // first sentence would otherwise wait for.
  await engine.classifySentences(['오늘'])
  return { modelId: engine.manifest.id, loadMs: performance.now() - start }
}

export async function analyzeTextWithPack(req: TextAnalysisRequest): Promise<TextAnalysisResult> {
  if (req.adapter !== undefined && !isTextAdapterWeights(req.adapter)) throw new TextEngineError('INVALID_INPUT', 'the profile adapter is damaged')
  const ready = await textEngineFor(req.packDir)
  const analysis = await ready.analyzeText(req.text)
  // The profile's adapter reads each sentence again on top of the pack's reading (the pack itself never changes).
  const adapter = req.adapter
  const sentences = adapter ? analysis.sentences.map((s) => ({ ...s, base: s.canonical, canonical: adaptSentence(adapter, s.text, s.canonical) })) : analysis.sentences
  return {
    modelId: ready.manifest.id,
    labels: analysis.labels,
    sentences,
    percentages: analysis.percentages,
    meanProbs: analysis.meanProbs,
    mix: entryEmotionMix(sentences),
    totalSentences: analysis.totalSentences,
    truncated: analysis.truncated
  }
}

/** The pack's per-sentence vectors for already-split sentences (issue 12's adaptation reads these). */
export async function embedTextWithPack(req: TextEmbedRequest): Promise<TextEmbedResult> {
  const ready = await textEngineFor(req.packDir)
  const vectors = await ready.embedSentences(req.sentences)
  const spec = ready.manifest.representation!
  return { modelId: ready.manifest.id, source: spec.from === 'onnx' ? `onnx:${spec.output}` : 'ngram:hidden', dim: spec.dim, vectors }
}
