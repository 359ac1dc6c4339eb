/**
 * Child process for the lock's kill tests (run with `--import tsx`): opens the data folder given
 * as argv[2] through the real service, unlocks it with the old passphrase when it is encrypted,
 * writes two entries (telling the parent after each is acknowledged), then turns the lock on, off
 * or changes the passphrase (argv[3]), telling the parent just before it starts and how long it
 * took. The parent SIGKILLs it at a random moment of that operation, or HARU_CRASH_AT stops it at
 * a named step.
 */
import { openHaruService } from '../../src/main/api/service'
import { createHaruApi } from '../../src/shared/api/client'
import { KILL_TEST_KDF, NEW_PASSPHRASE, OLD_PASSPHRASE, type ConvertOp, type RunnerMessage } from './lock-convert-shared'

const send = (message: RunnerMessage): Promise<void> =>
  new Promise((resolve, reject) => process.send!(message, (err: Error | null) => (err ? reject(err) : resolve())))

const [dataDir, op] = process.argv.slice(2) as [string, ConvertOp]
if (!dataDir || !process.send) throw new Error('usage: fork lock-convert-runner.ts DATA_DIR enable|disable|change (with an IPC channel)')
// The parent gone mid-run: stop (a finished run lets the channel go itself, below).
let finished = false
process.on('disconnect', () => process.exit(finished ? 0 : 2))

const service = openHaruService({ dataDir, appVersion: 'kill-test', transport: 'web', kdfCost: KILL_TEST_KDF })
const api = createHaruApi(service.dispatch)
if ((await api.lock.status()).locked) await api.lock.unlock({ passphrase: OLD_PASSPHRASE })
const [profile] = await api.profiles.list()
for (const day of ['2026-12-01', '2026-12-02']) {
  const text = `${day}에 쓴 일기, 잠금을 바꾸기 직전에 저장됨`
  await api.entries.create({ profileId: profile!.id, entryDate: day, text })
  await send({ type: 'ack', day, text })
}
await send({ type: 'converting' })
const started = performance.now()
if (op === 'enable') await api.lock.enable({ passphrase: NEW_PASSPHRASE, acknowledgeLoss: true })
else if (op === 'disable') await api.lock.disable({ passphrase: OLD_PASSPHRASE })
else await api.lock.change({ passphrase: OLD_PASSPHRASE, newPassphrase: NEW_PASSPHRASE })
await send({ type: 'done', ms: performance.now() - started })
service.close()
// The IPC channel keeps a forked child alive; letting it go ends the process once the service is closed.
finished = true
process.disconnect()
