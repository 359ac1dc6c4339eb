/**
 * A stand-in analysis process for the host's hang tests (run with `--import tsx` through
 * spawnNodeWorker): it speaks the real protocol, answers heartbeats like the real worker, and
 * misbehaves on request, by the text of an `mfcc` request's `wav` bytes:
 *   'busy'      loops forever on the main thread (a hang that cannot answer heartbeats);
 *   'quiet'     never replies, but keeps answering heartbeats (a stuck promise);
 *   'busy:N'    blocks the main thread for N ms, then replies;
 *   'slow:N'    replies after N ms without blocking.
 * `ping` replies at once with the pid.
 */
import { ANALYSIS_PROTOCOL_VERSION, isHeartbeat, type AnalysisRequest } from '../../src/shared/analysis/protocol'

const post = (m: unknown) => process.send!(m)

process.on('message', (message: unknown) => {
  if (isHeartbeat(message)) return post(message)
  const req = message as AnalysisRequest<'mfcc'> | AnalysisRequest<'ping'>
  const reply = (result: unknown) => post({ kind: 'reply', seq: req.seq, ok: true, result })
  if (req.op === 'ping') return reply({ pid: process.pid, uptimeMs: 0, maxRssMb: 0 })
  const how = Buffer.from((req as AnalysisRequest<'mfcc'>).payload.wav).toString('utf8')
  const [kind, ms] = how.split(':')
  if (kind === 'busy' && ms === undefined) for (;;);
  if (kind === 'quiet') return
  if (kind === 'busy') {
    const until = Date.now() + Number(ms)
    while (Date.now() < until);
    return reply({ sr: 0, frames: 0, mfcc: [] })
  }
  if (kind === 'slow') return void setTimeout(() => reply({ sr: 0, frames: 0, mfcc: [] }), Number(ms))
})
process.on('disconnect', () => process.exit(0))
post({ kind: 'ready', pid: process.pid, protocol: ANALYSIS_PROTOCOL_VERSION })
