export { SeedImportError, type SeedImportErrorCode } from './errors'
export {
  importSeedAudioFromDir,
  importSeedAudioFromPaths,
  importSeedAudioModel,
  SEED_AUDIO_PACK_ID,
  type SeedAudioImportOptions,
  type SeedAudioImportResult,
  type SeedAudioPaths
} from './import-seed'
export { readNpy, writeNpy, type NpyArray } from './npy'
export { PickleError, unpickle, type PickleErrorCode } from './pickle'
export { buildSeedAudioOnnx, SEED_DEBUG_OUTPUTS, SEED_INPUT_NAME, SEED_OUTPUT_NAME } from './seed-graph'
export { baselineSourceFromPath, HUB_BASELINE_FILES, readBaselines, readLabels, type BaselineSource } from './seed-inputs'
export { CheckpointError, readTorchStateDict, type CheckpointErrorCode, type TorchTensor } from './torch-checkpoint'
