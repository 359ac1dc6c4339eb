import { channelName } from './channel'
import type { Domain, HaruApi, InputOf, OutputOf, Verb } from './contract'
import { HaruApiError, isApiErrorData, type ApiErrorData, type ApiResult } from './errors'

/** Sends one request on a named channel and resolves with the wire result. */
export type Transport = (channel: string, input: unknown) => Promise<ApiResult<unknown>>

/**
 * Builds the `window.haru` object on top of a transport. Electron's preload and the browser
 * harness shim both use it, so the renderer sees the same object whichever process serves it.
 * The literal is spelled out (not generated) so `satisfies HaruApi` fails to compile when the
 * contract gains a method this object does not expose, or the object exposes one it lacks.
 */
export function createHaruApi(transport: Transport, raise: (error: ApiErrorData) => Error = HaruApiError.fromData) {
  const call =
    <D extends Domain, V extends Verb<D>>(domain: D, verb: V) =>
    async (input?: InputOf<D, V>): Promise<OutputOf<D, V>> =>
      unwrap(await transport(channelName(domain, verb), input ?? {}), raise) as OutputOf<D, V>

  return {
    app: { info: call('app', 'info') },
    profiles: { list: call('profiles', 'list'), create: call('profiles', 'create') },
    entries: {
      list: call('entries', 'list'),
      get: call('entries', 'get'),
      getByDate: call('entries', 'getByDate'),
      create: call('entries', 'create'),
      update: call('entries', 'update'),
      delete: call('entries', 'delete'),
      day: call('entries', 'day'),
      months: call('entries', 'months'),
      clearText: call('entries', 'clearText')
    },
    trends: {
      summary: call('trends', 'summary'),
      days: call('trends', 'days'),
      streak: call('trends', 'streak'),
      disagreements: call('trends', 'disagreements'),
      onThisDay: call('trends', 'onThisDay')
    },
    search: { entries: call('search', 'entries') },
    tags: { list: call('tags', 'list'), get: call('tags', 'get'), set: call('tags', 'set'), entries: call('tags', 'entries') },
    calibration: {
      start: call('calibration', 'start'),
      addTake: call('calibration', 'addTake'),
      preview: call('calibration', 'preview'),
      save: call('calibration', 'save'),
      cancel: call('calibration', 'cancel'),
      sessions: call('calibration', 'sessions'),
      deleteTakes: call('calibration', 'deleteTakes')
    },
    baselines: {
      list: call('baselines', 'list'),
      activate: call('baselines', 'activate'),
      useDefault: call('baselines', 'useDefault'),
      recompute: call('baselines', 'recompute')
    },
    reanalysis: { start: call('reanalysis', 'start'), status: call('reanalysis', 'status') },
    queue: {
      status: call('queue', 'status'),
      pause: call('queue', 'pause'),
      resume: call('queue', 'resume'),
      cancel: call('queue', 'cancel'),
      failures: call('queue', 'failures')
    },
    memos: {
      begin: call('memos', 'begin'),
      appendChunk: call('memos', 'appendChunk'),
      finish: call('memos', 'finish'),
      discard: call('memos', 'discard'),
      orphans: call('memos', 'orphans'),
      list: call('memos', 'list'),
      audio: call('memos', 'audio'),
      delete: call('memos', 'delete'),
      import: call('memos', 'import'),
      setTranscript: call('memos', 'setTranscript'),
      transcribe: call('memos', 'transcribe'),
      analyze: call('memos', 'analyze'),
      analysis: call('memos', 'analysis')
    },
    settings: { get: call('settings', 'get'), set: call('settings', 'set') },
    analysis: { entryText: call('analysis', 'entryText'), storedEntryText: call('analysis', 'storedEntryText') },
    asr: { status: call('asr', 'status'), download: call('asr', 'download'), cancel: call('asr', 'cancel'), useFolder: call('asr', 'useFolder') },
    models: { listText: call('models', 'listText'), selectText: call('models', 'selectText'), installText: call('models', 'installText') },
    backup: { info: call('backup', 'info'), export: call('backup', 'export'), import: call('backup', 'import'), reveal: call('backup', 'reveal') },
    moods: { set: call('moods', 'set'), get: call('moods', 'get'), clear: call('moods', 'clear'), list: call('moods', 'list'), agreement: call('moods', 'agreement') },
    corrections: {
      setSentence: call('corrections', 'setSentence'),
      setMemo: call('corrections', 'setMemo'),
      undo: call('corrections', 'undo'),
      list: call('corrections', 'list'),
      adaptation: call('corrections', 'adaptation')
    },
    reflections: { get: call('reflections', 'get'), due: call('reflections', 'due') },
    lock: {
      status: call('lock', 'status'),
      unlock: call('lock', 'unlock'),
      lock: call('lock', 'lock'),
      enable: call('lock', 'enable'),
      disable: call('lock', 'disable'),
      change: call('lock', 'change'),
      newRecoveryKey: call('lock', 'newRecoveryKey'),
      settings: call('lock', 'settings'),
      activity: call('lock', 'activity')
    }
  } satisfies HaruApi
}

function unwrap(result: ApiResult<unknown>, raise: (error: ApiErrorData) => Error): unknown {
  if (result && result.ok === true) return result.data
  if (result && result.ok === false && isApiErrorData(result.error)) throw raise(result.error)
  throw raise({ code: 'internal', message: 'malformed reply from the Haru service' })
}
