import type { TextAnalysisRequest } from '../shared/analysis/protocol'
import { createTextEngine, type TextEngine } from './text/engine'

// One engine (tokenizer + ONNX session) per pack for the life of the process.
const engines = new Map<string, Promise<TextEngine>>()

export async function analyzeTextWithPack(req: TextAnalysisRequest): Promise<unknown> {
  const engine = engines.get(req.packDir) ?? createTextEngine(req.packDir)
  if (!engines.has(req.packDir)) {
    // A pack that failed to load may be fixed later: do not cache the failure.
    engine.catch(() => engines.delete(req.packDir))
    engines.set(req.packDir, engine)
  }
  return (await engine).analyzeText(req.text)
}
