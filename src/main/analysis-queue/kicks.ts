/**
 * Which API calls give the queue new work, in one table: the dispatcher reports every successful
 * call here, so no handler needs to know the queue exists.
 */
import { channelName } from '../../shared/api/channel'
import type { Domain, OutputOf, ParsedInputOf, Verb } from '../../shared/api/contract'
import type { Dispatch } from '../api/dispatch'
import type { AnalysisQueue } from './queue'

type Reaction = (queue: AnalysisQueue, input: unknown, output: unknown) => void

const reactions = new Map<string, Reaction>()
function on<D extends Domain, V extends Verb<D>>(domain: D, verb: V, react: (queue: AnalysisQueue, input: ParsedInputOf<D, V>, output: OutputOf<D, V>) => void): void {
  reactions.set(channelName(domain, verb), react as Reaction)
}

// The writer's own saves: the page analyses them itself, so the queue only looks after a quiet time
// (the page may be closed before its analysis runs).
on('entries', 'create', (q, _in, entry) => q.touch({ kind: 'entry', id: entry.id }))
on('entries', 'update', (q, _in, entry) => q.touch({ kind: 'entry', id: entry.id }))
on('memos', 'finish', (q, _in, memo) => q.touch({ kind: 'memo', id: memo.id }))
on('memos', 'import', (q, _in, memo) => q.touch({ kind: 'memo', id: memo.id }))
// New history, or a new basis for the old one.
on('backup', 'import', (q) => q.kick('import'))
on('models', 'selectText', (q, input) => q.kick('model-change', input.profileId))
on('models', 'installText', (q) => q.kick('model-change'))
on('calibration', 'save', (q, input, summary) => summary.status === 'ok' && q.kick('baseline-change', input.profileId))
on('baselines', 'activate', (q, input) => q.kick('baseline-change', input.profileId))
on('baselines', 'useDefault', (q, input) => q.kick('baseline-change', input.profileId))
on('baselines', 'recompute', (q, input) => q.kick('baseline-change', input.profileId))
// Issue 16: a memo analysed from the page moved the profile's automatic baseline to a new version.
on('memos', 'analyze', (q, _in, analysis) => analysis.automaticBaselineChanged && q.kick('baseline-change'))

/** The dispatcher, telling the queue about the calls in the table above once they have succeeded. */
export function dispatchWithQueueKicks(dispatch: Dispatch, queue: AnalysisQueue): Dispatch {
  return async (channel, payload) => {
    const result = await dispatch(channel, payload)
    const react = reactions.get(channel)
    if (result.ok && react) {
      try {
        react(queue, payload, result.data)
      } catch (err) {
        console.warn(`[analysis queue] ${channel}: ${(err as Error).message}`)
      }
    }
    return result
  }
}
