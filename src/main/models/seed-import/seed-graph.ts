import { encodeModel, float, int, ints, str, type Initializer, type OnnxNode, type ValueInfo } from '../onnx/onnx-proto'
import { SeedImportError } from './errors'
import type { TorchTensor } from './torch-checkpoint'

/**
 * The seed project's `PyTorchAudioModel` (Conv1d→BN→ReLU→MaxPool ×2 → BiLSTM → Dense→ReLU→Dense)
 * written as an ONNX graph from its state_dict. See ../shared/models/seed-audio/architecture.md.
 */

export const SEED_INPUT_NAME = 'input'
export const SEED_OUTPUT_NAME = 'logits'
/** Extra outputs of the debug variant, for comparing intermediate activations with PyTorch. */
export const SEED_DEBUG_OUTPUTS = { pool2: 'pool2_out', lstmConcat: 'h_n_concat', dense1Relu: 'dense1_relu' } as const

const OPSET = 17
const IR_VERSION = 8
const HIDDEN = 64

function expectedShapes(numLabels: number): Record<string, readonly number[]> {
  const lstm = (suffix: string) => ({
    [`bilstm.weight_ih_l0${suffix}`]: [4 * HIDDEN, 128],
    [`bilstm.weight_hh_l0${suffix}`]: [4 * HIDDEN, HIDDEN],
    [`bilstm.bias_ih_l0${suffix}`]: [4 * HIDDEN],
    [`bilstm.bias_hh_l0${suffix}`]: [4 * HIDDEN]
  })
  const bn = (p: string, c: number) => ({
    [`${p}.weight`]: [c],
    [`${p}.bias`]: [c],
    [`${p}.running_mean`]: [c],
    [`${p}.running_var`]: [c]
  })
  return {
    'conv1.weight': [64, 13, 5],
    'conv1.bias': [64],
    ...bn('bn1', 64),
    'conv2.weight': [128, 64, 3],
    'conv2.bias': [128],
    ...bn('bn2', 128),
    ...lstm(''),
    ...lstm('_reverse'),
    'dense1.weight': [128, 2 * HIDDEN],
    'dense1.bias': [128],
    'dense2.weight': [numLabels, 128],
    'dense2.bias': [numLabels]
  }
}

/** BatchNorm step counters: part of a strict state_dict but not of the inference graph. */
const IGNORED_KEYS = new Set(['bn1.num_batches_tracked', 'bn2.num_batches_tracked'])

/** Checks the state_dict is exactly the seed architecture; returns the number of output labels. */
export function checkSeedStateDict(state: ReadonlyMap<string, TorchTensor>): number {
  const numLabels = state.get('dense2.weight')?.shape[0] ?? 0
  const shapes = expectedShapes(numLabels)
  const missing: string[] = []
  const wrong: string[] = []
  for (const [key, shape] of Object.entries(shapes)) {
    const t = state.get(key)
    if (!t) missing.push(key)
    else if (!(t.data instanceof Float32Array)) wrong.push(`${key} is ${t.dtype}, expected a floating-point tensor`)
    else if (t.shape.join('x') !== shape.join('x')) wrong.push(`${key} has shape (${t.shape.join(', ')}), expected (${shape.join(', ')})`)
  }
  const unexpected = [...state.keys()].filter((key) => !(key in shapes) && !IGNORED_KEYS.has(key))
  const list = (keys: string[]) => keys.slice(0, 6).join(', ') + (keys.length > 6 ? ` and ${keys.length - 6} more` : '')
  const problems = [
    unexpected.length > 0 ? `unexpected ${list(unexpected)}` : '',
    missing.length > 0 ? `missing ${list(missing)}` : '',
    ...wrong.slice(0, 6),
    numLabels === 1 ? 'dense2 must have at least 2 outputs' : ''
  ].filter(Boolean)
  if (problems.length > 0) {
    throw new SeedImportError(
      'unexpected-architecture',
      `the checkpoint is not the seed audio model (CNN+BiLSTM over 13×100 MFCC): ${problems.join('; ')}`
    )
  }
  return numLabels
}

/** PyTorch LSTM gate blocks are (i, f, g, o); ONNX wants (i, o, f, c). */
function reorderGates(w: Float32Array): Float32Array {
  const block = w.length / 4
  const out = new Float32Array(w.length)
  ;[0, 3, 1, 2].forEach((src, dst) => out.set(w.subarray(src * block, (src + 1) * block), dst * block))
  return out
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

export interface SeedGraphOptions {
  /** Adds pool2_out (B,128,25), h_n_concat (B,128) and dense1_relu (B,128) as graph outputs. */
  exposeIntermediates?: boolean
  docString?: string
  metadata?: Record<string, string>
}

export function buildSeedAudioOnnx(state: ReadonlyMap<string, TorchTensor>, options: SeedGraphOptions = {}): Uint8Array {
  const numLabels = checkSeedStateDict(state)
  const w = (key: string) => state.get(key)!.data as Float32Array
  const initializers: Initializer[] = []
  const param = (key: string): string => {
    initializers.push({ name: key, dims: state.get(key)!.shape, data: w(key) })
    return key
  }
  const lstmWeights = (kind: 'ih' | 'hh') => concat(['', '_reverse'].map((s) => reorderGates(w(`bilstm.weight_${kind}_l0${s}`))))
  const lstmBias = concat(
    ['', '_reverse'].flatMap((s) => [reorderGates(w(`bilstm.bias_ih_l0${s}`)), reorderGates(w(`bilstm.bias_hh_l0${s}`))])
  )
  initializers.push(
    { name: 'lstm.W', dims: [2, 4 * HIDDEN, 128], data: lstmWeights('ih') },
    { name: 'lstm.R', dims: [2, 4 * HIDDEN, HIDDEN], data: lstmWeights('hh') },
    { name: 'lstm.B', dims: [2, 8 * HIDDEN], data: lstmBias }
  )

  const convBlock = (n: 1 | 2, input: string, pad: number): [OnnxNode[], string] => {
    const [conv, bn, relu, pool] = [`conv${n}_out`, `bn${n}_out`, `relu${n}_out`, `pool${n}_out`]
    const kernel = state.get(`conv${n}.weight`)!.shape[2]!
    return [
      [
        {
          opType: 'Conv',
          name: `conv${n}`,
          inputs: [input, param(`conv${n}.weight`), param(`conv${n}.bias`)],
          outputs: [conv],
          attributes: [ints('kernel_shape', [kernel]), ints('pads', [pad, pad]), ints('strides', [1]), ints('dilations', [1]), int('group', 1)]
        },
        {
          opType: 'BatchNormalization',
          name: `bn${n}`,
          inputs: [conv, ...['weight', 'bias', 'running_mean', 'running_var'].map((p) => param(`bn${n}.${p}`))],
          outputs: [bn],
          attributes: [float('epsilon', 1e-5)]
        },
        { opType: 'Relu', name: `relu${n}`, inputs: [bn], outputs: [relu] },
        { opType: 'MaxPool', name: `pool${n}`, inputs: [relu], outputs: [pool], attributes: [ints('kernel_shape', [2]), ints('strides', [2])] }
      ],
      pool
    ]
  }

  const [block1, pool1] = convBlock(1, SEED_INPUT_NAME, 2)
  const [block2, pool2] = convBlock(2, pool1, 1)
  const nodes: OnnxNode[] = [
    ...block1,
    ...block2,
    // (B, C, T) → (T, B, C): ONNX LSTM's default layout is sequence-first.
    { opType: 'Transpose', name: 'to_seq', inputs: [pool2], outputs: ['seq'], attributes: [ints('perm', [2, 0, 1])] },
    {
      opType: 'LSTM',
      name: 'bilstm',
      inputs: ['seq', 'lstm.W', 'lstm.R', 'lstm.B'],
      outputs: ['', 'lstm_Y_h'],
      attributes: [int('hidden_size', HIDDEN), str('direction', 'bidirectional')]
    },
    // Y_h (2, B, H) with direction 0 = forward → (B, 2, H) → (B, 2H) = forward ‖ backward.
    { opType: 'Transpose', name: 'h_batch_first', inputs: ['lstm_Y_h'], outputs: ['h_n_bdh'], attributes: [ints('perm', [1, 0, 2])] },
    { opType: 'Flatten', name: 'h_concat', inputs: ['h_n_bdh'], outputs: [SEED_DEBUG_OUTPUTS.lstmConcat], attributes: [int('axis', 1)] },
    {
      opType: 'Gemm',
      name: 'dense1',
      inputs: [SEED_DEBUG_OUTPUTS.lstmConcat, param('dense1.weight'), param('dense1.bias')],
      outputs: ['dense1_out'],
      attributes: [int('transB', 1)]
    },
    { opType: 'Relu', name: 'dense1_relu', inputs: ['dense1_out'], outputs: [SEED_DEBUG_OUTPUTS.dense1Relu] },
    {
      opType: 'Gemm',
      name: 'dense2',
      inputs: [SEED_DEBUG_OUTPUTS.dense1Relu, param('dense2.weight'), param('dense2.bias')],
      outputs: [SEED_OUTPUT_NAME],
      attributes: [int('transB', 1)]
    }
  ]

  const outputs: ValueInfo[] = [{ name: SEED_OUTPUT_NAME, shape: ['batch', numLabels] }]
  if (options.exposeIntermediates) {
    outputs.push(
      { name: SEED_DEBUG_OUTPUTS.pool2, shape: ['batch', 128, 25] },
      { name: SEED_DEBUG_OUTPUTS.lstmConcat, shape: ['batch', 2 * HIDDEN] },
      { name: SEED_DEBUG_OUTPUTS.dense1Relu, shape: ['batch', 128] }
    )
  }
  return encodeModel({
    irVersion: IR_VERSION,
    opsetVersion: OPSET,
    producerName: 'haru-seed-import',
    producerVersion: '1',
    docString: options.docString,
    metadata: options.metadata,
    graph: {
      name: 'seed_audio_cnn_bilstm',
      nodes,
      initializers,
      inputs: [{ name: SEED_INPUT_NAME, shape: ['batch', 13, 100] }],
      outputs
    }
  })
}
