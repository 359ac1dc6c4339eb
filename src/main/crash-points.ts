/**
 * Named crash points for the crash-point tests (tests/unit/hardening/crash-points.test.ts): when
 * `HARU_CRASH_AT` names a point, the process SIGKILLs itself the moment it gets there, so a test
 * can stop a real process between two exact steps of a write (after the audio, before its
 * metadata; after the memo row, before the recording is removed) instead of hoping a timed kill
 * lands there. `name@n` crashes at the n-th time the point is reached. Unset (always, outside
 * those tests), a crash point is one comparison.
 */
const target = parseTarget(process.env.HARU_CRASH_AT)
let hits = 0

function parseTarget(value: string | undefined): { name: string; hit: number } | null {
  if (!value) return null
  const [name, n] = value.split('@')
  return { name: name!, hit: n ? Number(n) : 1 }
}

export function crashPoint(name: string): void {
  if (target === null || target.name !== name) return
  if (++hits === target.hit) process.kill(process.pid, 'SIGKILL')
}
