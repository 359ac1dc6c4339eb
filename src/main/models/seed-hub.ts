import { join } from 'node:path'
import { downloadFile, type DownloadOptions, type DownloadResult } from './download'
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

export interface SeedHubProgress {
  file: SeedAudioHubFile
  fileIndex: number
  fileCount: number
  bytes: number
  total: number | null
}

export interface SeedHubDownloadOptions extends Omit<DownloadOptions, 'onProgress' | 'expectedSha256'> {
  destDir: string
  /** Default: SEED_AUDIO_HUB_BASE_URL. */
  baseUrl?: string
  onProgress?: (progress: SeedHubProgress) => void
  /** Per-file hashes to enforce; the hub copy has not been pinned, so none are enforced by default. */
  expectedSha256?: Partial<Record<SeedAudioHubFile, string>>
}

export async function downloadSeedAudioFiles(options: SeedHubDownloadOptions): Promise<DownloadResult[]> {
  const { destDir, baseUrl = SEED_AUDIO_HUB_BASE_URL, onProgress, expectedSha256, ...rest } = options
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`
  const results: DownloadResult[] = []
  for (const [fileIndex, file] of SEED_AUDIO_HUB_FILES.entries()) {
    results.push(
      await downloadFile(new URL(file, base).toString(), join(destDir, file), {
        ...rest,
        expectedSha256: expectedSha256?.[file],
        onProgress: (p) => onProgress?.({ file, fileIndex, fileCount: SEED_AUDIO_HUB_FILES.length, ...p })
      })
    )
  }
  return results
}
