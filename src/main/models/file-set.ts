import { join } from 'node:path'
import { downloadFile, type DownloadOptions, type DownloadResult } from './download'

export interface FileSetProgress<F extends string = string> {
  file: F
  fileIndex: number
  fileCount: number
  bytes: number
  total: number | null
}

export interface FileSetDownloadOptions<F extends string> extends Omit<DownloadOptions, 'onProgress' | 'expectedSha256'> {
  /** Folder URL the file paths are relative to. */
  baseUrl: string
  files: readonly F[]
  destDir: string
  onProgress?: (progress: FileSetProgress<F>) => void
  expectedSha256?: Partial<Record<F, string>>
}

/** Downloads several files of one model into a folder, one after another, each resumable and checked. */
export async function downloadFileSet<F extends string>(options: FileSetDownloadOptions<F>): Promise<DownloadResult[]> {
  const { baseUrl, files, destDir, onProgress, expectedSha256, ...rest } = options
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`
  const results: DownloadResult[] = []
  for (const [fileIndex, file] of files.entries()) {
    results.push(
      await downloadFile(new URL(file, base).toString(), join(destDir, ...file.split('/')), {
        ...rest,
        expectedSha256: expectedSha256?.[file],
        onProgress: (p) => onProgress?.({ file, fileIndex, fileCount: files.length, ...p })
      })
    )
  }
  return results
}
