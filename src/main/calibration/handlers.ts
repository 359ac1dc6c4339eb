import type { DomainHandlers } from '../../shared/api/contract'
import type { HandlerContext } from '../api/handlers'
import { baselineStatus, switchBaseline } from './baseline-status'
import { addTake, cancelSession, deleteKeptTakes, previewSession, recomputeBaseline, saveSession, startSession } from './calibration-service'
import { keptSessions } from './takes-repo'

export const calibrationHandlers: DomainHandlers<'calibration', HandlerContext> = {
  start: ({ profileId }, ctx) => startSession(ctx, profileId),
  addTake: ({ profileId, sessionId, sentenceIndex, wavBase64 }, ctx) =>
    addTake(ctx, { profileId, sessionId, sentenceIndex, wav: Buffer.from(wavBase64, 'base64') }),
  preview: ({ profileId, sessionId }, ctx) => previewSession(ctx, profileId, sessionId),
  save: ({ profileId, sessionId }, ctx) => saveSession(ctx, profileId, sessionId),
  cancel: ({ profileId, sessionId }, ctx) => cancelSession(ctx, profileId, sessionId),
  sessions: ({ profileId }, { db }) => keptSessions(db, profileId),
  deleteTakes: ({ profileId, sessionId }, ctx) => deleteKeptTakes(ctx, profileId, sessionId)
}

export const baselinesHandlers: DomainHandlers<'baselines', HandlerContext> = {
  list: ({ profileId }, ctx) => baselineStatus(ctx, profileId),
  activate: ({ profileId, baselineId }, ctx) => switchBaseline(ctx, profileId, baselineId),
  useDefault: ({ profileId }, ctx) => switchBaseline(ctx, profileId, null),
  recompute: ({ profileId, baselineId }, ctx) => recomputeBaseline(ctx, profileId, baselineId)
}
