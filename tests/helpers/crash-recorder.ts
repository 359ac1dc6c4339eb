/**
 * Child process for the crash-recovery test (run with `--import tsx`): opens the Haru service on the
 * data folder given as argv[2], creates a profile, begins a recording and appends one-second chunks
 * of the deterministic test signal for as long as it lives. After each chunk the service has
 * acknowledged, it tells the parent `{ type: 'ack', seq, durationSec }` and waits until that message
 * is handed to the OS before writing the next chunk, so at any moment at most one chunk is on disk
 * that the parent has not heard about. The parent SIGKILLs it mid-recording.
 */
import { createHaruApi } from '../../src/shared/api/client'
import { openHaruService } from '../../src/main/api/service'
import { signalChunkBase64 } from './pcm-signal'

export type CrashRecorderMessage =
  | { type: 'begun'; profileId: number; recordingId: string }
  | { type: 'ack'; seq: number; durationSec: number }
  | { type: 'done' }

const send = (message: CrashRecorderMessage): Promise<void> =>
  new Promise((resolve, reject) => process.send!(message, (err: Error | null) => (err ? reject(err) : resolve())))

const dataDir = process.argv[2]
if (!dataDir || !process.send) throw new Error('usage: fork crash-recorder.ts DATA_DIR (with an IPC channel)')
// If the test runner goes away, do not keep recording forever.
process.on('disconnect', () => process.exit(2))

const service = openHaruService({ dataDir, appVersion: 'crash-test', transport: 'web' })
const api = createHaruApi(service.dispatch)
const profile = await api.profiles.create({ name: '하루' })
const { recordingId } = await api.memos.begin({ profileId: profile.id, entryDate: '2026-11-24', sampleRate: 16000 })
await send({ type: 'begun', profileId: profile.id, recordingId })
// A safety stop well inside the 10-minute limit; the parent kills long before.
for (let seq = 0; seq < 120; seq++) {
  const ack = await api.memos.appendChunk({ recordingId, seq, pcm16: signalChunkBase64(seq) })
  await send({ type: 'ack', seq: ack.seq, durationSec: ack.durationSec })
}
await send({ type: 'done' })
service.close()
