import type { AdapterTrainingReply, AdapterTrainingRequest } from '../shared/analysis/protocol'
import { sentenceNgrams } from '../shared/adaptation/features'
import { trainAdapter } from '../shared/adaptation/train'
import { CANONICAL_EMOTIONS, toCanonical } from '../shared/emotions'
import { TextEngineError } from './text/errors'
import { textEngineFor } from './text-operation'

/**
 * Trains a profile's adapter here, off the main process: the pack reads every corrected sentence
 * afresh (so an adapter always matches the pack it is applied over, whatever pack made the
 * readings the writer corrected), then the residual head learns the writer's labels.
 */
export async function trainAdapterWithPack(req: AdapterTrainingRequest): Promise<AdapterTrainingReply> {
  const labels = req.examples.map((e) => CANONICAL_EMOTIONS.indexOf(e.emotion))
  if (labels.some((l) => l < 0) || req.examples.some((e) => typeof e.text !== 'string' || !e.text)) {
    throw new TextEngineError('INVALID_INPUT', 'adapter examples need a sentence and a canonical emotion')
  }
  const engine = await textEngineFor(req.packDir)
  const probs = await engine.classifySentences(req.examples.map((e) => e.text))
  const examples = req.examples.map((e, i) => {
    const base = toCanonical(probs[i]!, engine.manifest.canonicalMatrix)
    return { ngrams: sentenceNgrams(e.text), base: CANONICAL_EMOTIONS.map((c) => base[c]), label: labels[i]! }
  })
  return { modelId: engine.manifest.id, ...trainAdapter(examples, req.hyperparameters) }
}
