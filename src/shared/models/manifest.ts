import { z } from 'zod'
import { CANONICAL_EMOTIONS } from '../emotions'

/** A 13-value neutral-voice baseline: per-MFCC-coefficient mean and standard deviation. */
export const baselineVectorsSchema = z.object({
  mean: z.array(z.number().finite()).length(13),
  std: z.array(z.number().finite().positive()).length(13)
})
export type BaselineVectors = z.infer<typeof baselineVectorsSchema>

const audioInputSchema = z.object({
  type: z.literal('mfcc'),
  sampleRate: z.literal(16000),
  nMfcc: z.literal(13),
  frames: z.literal(100),
  /** Tensor layout fed to the model: (batch, coefficient, frame). */
  shape: z.tuple([z.literal('batch'), z.literal(13), z.literal(100)]),
  inputName: z.string().min(1),
  outputName: z.string().min(1)
})

const textInputSchema = z.object({
  type: z.literal('tokens'),
  /** Folder (relative to the pack) holding tokenizer.json and tokenizer_config.json. */
  tokenizerDir: z.string().min(1),
  maxLength: z.number().int().positive().max(512),
  inputNames: z.array(z.string().min(1)).min(1),
  outputName: z.string().min(1)
})

const baseManifest = z.object({
  formatVersion: z.literal(1),
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'id: lower-case letters, digits, dot, dash, underscore'),
  name: z.string().min(1),
  version: z.string().min(1),
  license: z.string().min(1),
  description: z.string().optional(),
  /** Output labels in the order of the model's logits. */
  labels: z.array(z.string().min(1)).min(2),
  /** Rows: CANONICAL_EMOTIONS order; columns: `labels` order. Applied to probabilities, then renormalised. */
  canonicalMatrix: z.array(z.array(z.number().min(0))).length(CANONICAL_EMOTIONS.length),
  provenance: z.object({
    source: z.string().min(1),
    data: z.string().optional(),
    notes: z.string().optional(),
    /** SHA-256 of the file the pack was made from (e.g. the original .pth), for traceability. */
    modelSha256: z.string().regex(/^[0-9a-f]{64}$/).optional()
  }),
  /** SHA-256 and size of the pack's own model.onnx, checked on demand when the pack is loaded. */
  integrity: z
    .object({
      onnxSha256: z.string().regex(/^[0-9a-f]{64}$/),
      onnxBytes: z.number().int().positive()
    })
    .optional()
})

/**
 * How to read a voice model's output as a calibrated confidence (issue 16). Optional: a pack
 * without it (the seed, v1) gives its plain softmax and is never marked uncertain by confidence.
 */
export const audioConfidenceSchema = z.object({
  /** Logits are divided by this before each window's softmax (temperature scaling). */
  temperature: z.number().finite().positive(),
  /** A reading whose calibrated top probability is below this is `uncertain`. */
  uncertainBelow: z.number().min(0).max(1),
  /** What the two were fitted on (speakers, channels), for traceability. */
  fittedOn: z.string().optional()
})
export type AudioConfidence = z.infer<typeof audioConfidenceSchema>

export const audioManifestSchema = baseManifest.extend({
  kind: z.literal('audio'),
  input: audioInputSchema,
  baselines: z.object({ MALE: baselineVectorsSchema, FEMALE: baselineVectorsSchema }),
  confidence: audioConfidenceSchema.optional()
})

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/)

/**
 * The n-gram part of a text pack (training/text/train_ngram.py; run in TypeScript by
 * src/analysis/text/ngram/): hashed character and word n-grams, int8 rows, no ONNX.
 */
export const ngramPartSchema = z.object({
  /** File inside the pack (layout in src/analysis/text/ngram/model.ts). */
  file: z.string().min(1),
  sha256: sha256Hex,
  hash: z.literal('murmur3-x86-32'),
  buckets: z.number().int().positive().max(1 << 24),
  /** 0: linear (the row means are the logits); > 0: a hidden vector, then a dense layer. */
  hidden: z.number().int().min(0).max(1024),
  charMaxN: z.number().int().min(1).max(8),
  wordNgrams: z.number().int().min(0).max(2)
})
export type NgramPart = z.infer<typeof ngramPartSchema>

/**
 * What computes a text pack's logits. Absent (today's packs, imported official exports): the ONNX
 * sequence classifier `model.onnx` alone. `ensemble`: that classifier and an n-gram model, their
 * log-probabilities mixed with the given weights (a weighted geometric mean of the two
 * distributions), as training/text/compare.py fitted them on dev data.
 */
export const textModelSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('onnx-classifier') }),
  z.object({
    kind: z.literal('ensemble'),
    ngram: ngramPartSchema,
    weights: z.object({ onnx: z.number().min(0), ngram: z.number().min(0) }).refine((w) => w.onnx + w.ngram > 0, 'weights must not both be 0')
  })
])
export type TextModelSpec = z.infer<typeof textModelSchema>

/**
 * Confidence calibration fitted on held-out dev data: probabilities are softmax(logits / temperature);
 * a sentence whose top probability is below `uncertainBelow` is reported as uncertain.
 */
export const textCalibrationSchema = z.object({
  temperature: z.number().positive().max(100),
  uncertainBelow: z.number().min(0).max(1),
  /** What it was fitted on, for the model card and Settings. */
  fittedOn: z.string().optional()
})
export type TextCalibration = z.infer<typeof textCalibrationSchema>

/**
 * A per-sentence vector the pack offers (for per-profile adaptation): a named second output of
 * model.onnx (`onnx`) or the n-gram model's hidden vector (`ngram`).
 */
export const textRepresentationSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('onnx'), output: z.string().min(1), dim: z.number().int().positive() }),
  z.object({ from: z.literal('ngram'), dim: z.number().int().positive() })
])
export type TextRepresentation = z.infer<typeof textRepresentationSchema>

export const textManifestSchema = baseManifest.extend({
  kind: z.literal('text'),
  input: textInputSchema,
  model: textModelSchema.optional(),
  calibration: textCalibrationSchema.optional(),
  representation: textRepresentationSchema.optional()
})

export const modelManifestSchema = z
  .discriminatedUnion('kind', [audioManifestSchema, textManifestSchema])
  .superRefine((m, ctx) => {
    if (m.kind === 'text' && m.representation?.from === 'ngram' && m.model?.kind !== 'ensemble') {
      ctx.addIssue({ code: 'custom', path: ['representation'], message: 'an n-gram representation needs an n-gram model part' })
    }
    if (m.kind === 'text' && m.representation?.from === 'ngram' && m.model?.kind === 'ensemble' && m.model.ngram.hidden !== m.representation.dim) {
      ctx.addIssue({ code: 'custom', path: ['representation', 'dim'], message: `the n-gram hidden size is ${m.model.ngram.hidden}` })
    }
    m.canonicalMatrix.forEach((row, i) => {
      if (row.length !== m.labels.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['canonicalMatrix', i],
          message: `row ${CANONICAL_EMOTIONS[i]} has ${row.length} columns, expected one per label (${m.labels.length})`
        })
      }
    })
  })

export type AudioModelManifest = z.infer<typeof audioManifestSchema>
export type TextModelManifest = z.infer<typeof textManifestSchema>

/**
 * The input contract of an exported RobertaForSequenceClassification (int64 ids and mask in, logits
 * out, 256 tokens): the shipped text pack keeps it so the official model is a drop-in replacement.
 */
export function sequenceClassifierInput(): TextModelManifest['input'] {
  return { type: 'tokens', tokenizerDir: 'tokenizer', maxLength: 256, inputNames: ['input_ids', 'attention_mask'], outputName: 'logits' }
}
export type ModelManifest = z.infer<typeof modelManifestSchema>
