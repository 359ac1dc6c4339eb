import type { DownloadOptions, DownloadResult } from './download'
import { downloadFileSet, type FileSetProgress } from './file-set'
import { HUB_BASELINE_FILES } from './seed-import/seed-inputs'

/** The seed audio model's files on the Hugging Face hub, fetched into a folder importSeedAudioFromDir reads. */

export const SEED_AUDIO_HUB_BASE_URL = 'https://huggingface.co/HyukII/audio-emotion-model/resolve/main/'

export const SEED_AUDIO_HUB_FILES = [
  'pytorch_model.pth',
  'labels.json',
  HUB_BASELINE_FILES.male.meanPath,
  HUB_BASELINE_FILES.male.stdPath,
  HUB_BASELINE_FILES.female.meanPath,
  HUB_BASELINE_FILES.female.stdPath
] as const

export type SeedAudioHubFile = (typeof SEED_AUDIO_HUB_FILES)[number]

export type SeedHubProgress = FileSetProgress<SeedAudioHubFile>

export interface SeedHubDownloadOptions extends Omit<DownloadOptions, 'onProgress' | 'expectedSha256'> {
  destDir: string
  /** Default: SEED_AUDIO_HUB_BASE_URL. */
  baseUrl?: string
  onProgress?: (progress: SeedHubProgress) => void
  /** Per-file hashes to enforce; the hub copy has not been pinned, so none are enforced by default. */
  expectedSha256?: Partial<Record<SeedAudioHubFile, string>>
}

export async function downloadSeedAudioFiles(options: SeedHubDownloadOptions): Promise<DownloadResult[]> {
  return downloadFileSet({ ...options, baseUrl: options.baseUrl ?? SEED_AUDIO_HUB_BASE_URL, files: SEED_AUDIO_HUB_FILES })
}
