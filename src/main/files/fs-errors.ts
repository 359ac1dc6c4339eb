/**
 * File-system failures as sentences a person can act on. Node reports them as `EISDIR: illegal
 * operation on a directory, read` and the like; the API turns them into typed errors with these
 * messages instead (dispatch.ts), and the analysis process does the same for the files it reads.
 */
export type FileProblemCode = 'unusable-file' | 'not-found' | 'storage' | 'storage-full'

export interface FileProblem {
  code: FileProblemCode
  message: string
}

const PROBLEMS: Record<string, [FileProblemCode, (what: string) => string]> = {
  ENOENT: ['not-found', (w) => `${w} does not exist (moved or deleted?)`],
  EISDIR: ['unusable-file', (w) => `${w} is a folder where a file was expected`],
  ENOTDIR: ['unusable-file', (w) => `${w}: part of the path is a file where a folder was expected`],
  ENAMETOOLONG: ['unusable-file', (w) => `${w}: the path, or a name in it, is too long`],
  EINVAL: ['unusable-file', (w) => `${w} cannot be used here (not a readable file, or an invalid path)`],
  ELOOP: ['unusable-file', (w) => `${w} is a symbolic link (or a loop of them); links are not followed`],
  ENXIO: ['unusable-file', (w) => `${w} is a device or pipe, not a file`],
  ENODEV: ['unusable-file', (w) => `${w} is a device, not a file`],
  EACCES: ['storage', (w) => `${w}: permission denied`],
  EPERM: ['storage', (w) => `${w}: the operation is not permitted`],
  EROFS: ['storage', (w) => `${w} is on a read-only disk`],
  EIO: ['storage', (w) => `${w}: the disk reported an input/output error`],
  EMFILE: ['storage', () => 'too many files are open; try again'],
  EBUSY: ['storage', (w) => `${w} is in use by another program`],
  ENOSPC: ['storage-full', () => 'the disk is full; free some space and try again'],
  EDQUOT: ['storage-full', () => 'the disk quota is used up; free some space and try again']
}

/** The path an fs error names, shortened for a message; or a neutral subject. */
function subject(err: { path?: unknown; dest?: unknown }): string {
  const path = typeof err.path === 'string' ? err.path : null
  if (!path) return 'the file'
  return path.length > 160 ? `…${path.slice(-160)}` : path
}

export function fileProblem(err: unknown): FileProblem | null {
  if (typeof err !== 'object' || err === null) return null
  const e = err as { code?: unknown; message?: unknown; path?: unknown }
  if (e.code === 'unusable-file' && typeof e.message === 'string') return { code: 'unusable-file', message: e.message }
  // Node refuses a path with a NUL byte before asking the OS.
  if (e.code === 'ERR_INVALID_ARG_VALUE' && typeof e.message === 'string' && /null bytes/.test(e.message)) {
    return { code: 'unusable-file', message: 'the path contains a character a file name cannot have (NUL)' }
  }
  if (typeof e.code !== 'string' || !(e.code in PROBLEMS)) return null
  const [code, say] = PROBLEMS[e.code]!
  return { code, message: say(subject(e)) }
}
