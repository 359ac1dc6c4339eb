/**
 * Assembles resources/models/text-default from a trained model: copies model.onnx, writes a
 * manifest.json validated against the app's zod schema (with the model's sha256).
 *
 *   npx tsx training/text/write-pack.ts --model training/.cache/text/medium/model.onnx --variant medium
 */
import { createHash } from 'node:crypto'
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { CANONICAL_EMOTIONS } from '../../src/shared/emotions'
import { modelManifestSchema, sequenceClassifierInput } from '../../src/shared/models/manifest'
import { identityCanonicalMatrix } from '../../src/shared/text/aggregate'

const { values } = parseArgs({ options: { model: { type: 'string' }, variant: { type: 'string' }, out: { type: 'string' } } })
if (!values.model || !values.variant) {
  console.error('usage: write-pack.ts --model <model.onnx> --variant <name> [--out resources/models/text-default]')
  process.exit(2)
}
const out = values.out ?? new URL('../../resources/models/text-default', import.meta.url).pathname
copyFileSync(values.model, join(out, 'model.onnx'))
const sha = createHash('sha256').update(readFileSync(join(out, 'model.onnx'))).digest('hex')
const manifest = modelManifestSchema.parse({
  formatVersion: 1,
  kind: 'text',
  id: 'haru-text-default',
  name: 'Haru default Korean text emotion model',
  version: '1.0.0',
  license: 'MIT',
  description:
    `Compact transformer encoder (${values.variant}) trained from scratch by the Haru project on GoEmotions-Korean and KOTE; ` +
    'outputs the seven canonical emotions directly. See MODEL_CARD.md.',
  labels: [...CANONICAL_EMOTIONS],
  canonicalMatrix: identityCanonicalMatrix(),
  input: sequenceClassifierInput(),
  provenance: {
    source: 'Trained by the Haru project (training/text/)',
    data:
      'GoEmotions-Korean (Demszky et al. 2020, machine-translated by monologg/GoEmotions-Korean; Apache-2.0) and ' +
      'KOTE val+test (Jeon et al. 2022; MIT), relabelled to the canonical emotions',
    notes: 'Tokenizer: KcELECTRA WordPiece vocabulary (MIT, (c) 2021 Junbum Lee) pruned to 25,943 tokens.',
    modelSha256: sha
  }
})
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n')
console.log(`wrote ${out}/manifest.json (model sha256 ${sha})`)
