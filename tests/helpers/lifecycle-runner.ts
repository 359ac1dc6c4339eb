/**
 * Child process for the crash-point test (run with `--import tsx`, `HARU_CRASH_AT` set): walks one
 * voice memo through its whole life on the data folder given as argv[2] — begin, N one-second
 * chunks (argv[3]), finish, analyse, delete — through the real service and dispatcher, telling the parent
 * after each acknowledged step and waiting until that message has left, so the parent knows
 * exactly what was acknowledged when the crash point SIGKILLs this process.
 */
import { createHaruApi } from '../../src/shared/api/client'
import { openHaruService } from '../../src/main/api/service'
import { signalChunkBase64 } from './pcm-signal'

export type LifecycleMessage =
  | { type: 'profile'; profileId: number }
  | { type: 'begun'; recordingId: string }
  | { type: 'ack'; seq: number; durationSec: number }
  | { type: 'finished'; memoId: number; filePath: string; durationSec: number }
  | { type: 'analyzed' }
  | { type: 'deleting' }
  | { type: 'deleted' }
  | { type: 'done' }

const send = (message: LifecycleMessage): Promise<void> =>
  new Promise((resolve, reject) => process.send!(message, (err: Error | null) => (err ? reject(err) : resolve())))

const dataDir = process.argv[2]
const chunks = Number(process.argv[3] ?? 3)
if (!dataDir || !process.send) throw new Error('usage: fork lifecycle-runner.ts DATA_DIR (with an IPC channel)')
process.on('disconnect', () => process.exit(2))

const service = openHaruService({ dataDir, appVersion: 'crash-points', transport: 'web' })
const api = createHaruApi(service.dispatch)
const profile = await api.profiles.create({ name: '하루' })
await send({ type: 'profile', profileId: profile.id })
const { recordingId } = await api.memos.begin({ profileId: profile.id, entryDate: '2026-11-24', sampleRate: 16000 })
await send({ type: 'begun', recordingId })
for (let seq = 0; seq < chunks; seq++) {
  const ack = await api.memos.appendChunk({ recordingId, seq, pcm16: signalChunkBase64(seq) })
  await send({ type: 'ack', seq: ack.seq, durationSec: ack.durationSec })
}
const memo = await api.memos.finish({ recordingId })
await send({ type: 'finished', memoId: memo.id, filePath: memo.filePath, durationSec: memo.durationSec })
await api.memos.analyze({ memoId: memo.id })
await send({ type: 'analyzed' })
await send({ type: 'deleting' })
await api.memos.delete({ memoId: memo.id })
await send({ type: 'deleted' })
await send({ type: 'done' })
service.close()
