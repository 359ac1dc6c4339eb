import type { TextAnalysisRequest, TextAnalysisResult } from '../shared/analysis/protocol'
import { entryEmotionMix } from '../shared/analysis/entry-mix'
import { createTextEngine, type TextEngine } from './text/engine'

// One engine (tokenizer + ONNX session) per pack for the life of the process.
const engines = new Map<string, Promise<TextEngine>>()

export async function analyzeTextWithPack(req: TextAnalysisRequest): Promise<TextAnalysisResult> {
  const engine = engines.get(req.packDir) ?? createTextEngine(req.packDir)
  if (!engines.has(req.packDir)) {
    // A pack that failed to load may be fixed later: do not cache the failure.
    engine.catch(() => engines.delete(req.packDir))
    engines.set(req.packDir, engine)
  }
  const ready = await engine
  const analysis = await ready.analyzeText(req.text)
  return {
    modelId: ready.manifest.id,
    labels: analysis.labels,
    sentences: analysis.sentences,
    percentages: analysis.percentages,
    meanProbs: analysis.meanProbs,
    mix: entryEmotionMix(analysis.sentences),
    totalSentences: analysis.totalSentences,
    truncated: analysis.truncated
  }
}
