import { readMeta, recordingIds } from './recordings'

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM'
  }
}

/**
 * Whether a voice memo is being recorded in this data folder right now: a recording whose process
 * (this one or another) is alive and that is not being finished. A recording left by a process
 * that is gone is not in progress (it is offered to keep or discard, and converted with the rest).
 */
export function recordingInProgress(dataDir: string): boolean {
  return recordingIds(dataDir).some((id) => {
    try {
      const meta = readMeta(dataDir, id)
      return meta.pid !== undefined && !meta.finishing && alive(meta.pid)
    } catch {
      return false
    }
  })
}
