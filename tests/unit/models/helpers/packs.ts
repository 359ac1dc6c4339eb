import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { encodeModel, int } from '../../../../src/main/models/onnx/onnx-proto'

export const LABELS = ['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'SURPRISE']

/** A real (tiny) audio model: logits = Flatten(input) · Wᵀ + b with W = 0, b = 0..5. */
export function tinyAudioOnnx(inputName = 'input', outputName = 'logits'): Uint8Array {
  return encodeModel({
    irVersion: 8,
    opsetVersion: 17,
    producerName: 'test',
    producerVersion: '0',
    graph: {
      name: 'tiny',
      nodes: [
        { opType: 'Flatten', inputs: [inputName], outputs: ['flat'], attributes: [int('axis', 1)] },
        { opType: 'Gemm', inputs: ['flat', 'W', 'b'], outputs: [outputName], attributes: [int('transB', 1)] }
      ],
      initializers: [
        { name: 'W', dims: [6, 1300], data: new Float32Array(6 * 1300) },
        { name: 'b', dims: [6], data: Float32Array.from([0, 1, 2, 3, 4, 5]) }
      ],
      inputs: [{ name: inputName, shape: ['batch', 13, 100] }],
      outputs: [{ name: outputName, shape: ['batch', 6] }]
    }
  })
}

const vectors = { mean: Array(13).fill(0), std: Array(13).fill(1) }

export function audioManifest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    formatVersion: 1,
    kind: 'audio',
    id: 'tiny-audio',
    name: 'Tiny audio',
    version: '1',
    license: 'MIT',
    labels: LABELS,
    canonicalMatrix: [...LABELS.map((_, i) => LABELS.map((__, j) => (i === j ? 1 : 0))), Array(6).fill(0)],
    input: { type: 'mfcc', sampleRate: 16000, nMfcc: 13, frames: 100, shape: ['batch', 13, 100], inputName: 'input', outputName: 'logits' },
    baselines: { MALE: vectors, FEMALE: vectors },
    provenance: { source: 'unit test' },
    ...overrides
  }
}

export function writePack(dir: string, files: { manifest?: unknown; manifestText?: string; model?: Uint8Array | null }): string {
  mkdirSync(dir, { recursive: true })
  if (files.manifestText !== undefined) writeFileSync(join(dir, 'manifest.json'), files.manifestText)
  else if (files.manifest !== undefined) writeFileSync(join(dir, 'manifest.json'), JSON.stringify(files.manifest))
  if (files.model !== null) writeFileSync(join(dir, 'model.onnx'), files.model ?? tinyAudioOnnx())
  return dir
}
