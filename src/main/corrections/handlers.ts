import type { DomainHandlers } from '../../shared/api/contract'
import { HaruApiError } from '../../shared/api/errors'
import { dominantEmotion } from '../../shared/emotions'
import type { HandlerContext } from '../api/handlers'
import { getAdapter } from '../adaptation/adapter-repo'
import { adaptationBusy } from '../adaptation/background-work'
import { packModelId, scheduleAdapterTraining, trainingFingerprint } from '../adaptation/profile-adapter'
import { storedEntryText } from '../analysis/entry-text'
import { activeTextPack } from '../analysis/text-pack-choice'
import { storedMemoAnalysis } from '../memos/memo-analysis'
import { getMemo } from '../memos/memo-repo'
import { currentAnalysis } from '../repos/analyses'
import { getEntry } from '../repos/entries'
import { getSettings } from '../repos/settings'
import { sentenceHash, type StoredSentence } from './apply'
import { deleteCorrection, getCorrection, insertSentenceCorrection, listCorrections, trainingCorrections, upsertMemoCorrection } from './corrections-repo'
import { restateReadings } from './personal-reading'

/**
 * Correcting a reading. A correction restates the target's current readings at once (no model
 * runs, so the page, the day's colour and the trends change immediately) and, for a sentence,
 * has the profile's adapter retrained in the background.
 */
export const correctionsHandlers: DomainHandlers<'corrections', HandlerContext> = {
  setSentence: ({ entryId, start, end, text, emotion }, ctx) => {
    const entry = getEntry(ctx.db, entryId)
    const cur = currentAnalysis(ctx.db, { entryId }, 'text')
    if (!cur) throw new HaruApiError('not-found', `entry ${entryId} has no text reading to correct yet`)
    const sentence = ((cur.sentences as StoredSentence[] | null) ?? []).find((s) => s.start === start && s.end === end && s.text === text)
    if (!sentence || !entry.text.includes(text)) {
      throw HaruApiError.because('conflict', 'that sentence is not in the current reading of the entry any more; read it again', 'reading-changed')
    }
    const id = ctx.db.transaction(() => {
      // A second correction of the same sentence replaces the first.
      if (sentence.correctionId) deleteCorrection(ctx.db, sentence.correctionId)
      const created = insertSentenceCorrection(ctx.db, {
        entryId,
        sentence: text,
        sentenceHash: sentenceHash(text),
        start,
        end,
        emotion,
        modelEmotion: dominantEmotion(sentence.reading ?? sentence.canonical)
      })
      restateReadings(ctx.db, { entryId })
      return created
    })()
    void scheduleAdapterTraining(ctx, entry.profileId)
    return { correction: getCorrection(ctx.db, id), analysis: storedEntryText(ctx.db, entryId)! }
  },
  setMemo: ({ memoId, emotion }, ctx) => {
    getMemo(ctx.db, memoId)
    const before = storedMemoAnalysis(ctx, memoId)
    const said = before.fused ?? before.text ?? before.voice
    const id = ctx.db.transaction(() => {
      const created = upsertMemoCorrection(ctx.db, { memoId, emotion, modelEmotion: said ? dominantEmotion(said.reading ?? said.canonical) : null })
      restateReadings(ctx.db, { memoId })
      return created
    })()
    return { correction: getCorrection(ctx.db, id), analysis: storedMemoAnalysis(ctx, memoId) }
  },
  undo: ({ id }, ctx) => {
    const removed = ctx.db.transaction(() => {
      const c = deleteCorrection(ctx.db, id)
      restateReadings(ctx.db, c.entryId !== null ? { entryId: c.entryId } : { memoId: c.memoId! })
      return c
    })()
    if (removed.kind === 'sentence') void scheduleAdapterTraining(ctx, removed.profileId)
    return {
      removed,
      entryAnalysis: removed.entryId !== null ? storedEntryText(ctx.db, removed.entryId) : null,
      memoAnalysis: removed.memoId !== null ? storedMemoAnalysis(ctx, removed.memoId) : null
    }
  },
  list: (input, { db }) => listCorrections(db, input),
  adaptation: async ({ profileId }, ctx) => {
    const { adaptation } = getSettings(ctx.db, profileId)
    const examples = trainingCorrections(ctx.db, profileId)
    const modelId = await packModelId((await activeTextPack(ctx, profileId)).dir)
    const stored = modelId ? getAdapter(ctx.db, profileId, modelId) : null
    return {
      enabled: adaptation,
      corrections: examples.length,
      adapter: stored
        ? { modelId: stored.modelId, version: stored.version, examples: stored.examples, createdAt: stored.createdAt, upToDate: stored.trainedOn === trainingFingerprint(examples) }
        : null,
      busy: adaptationBusy(ctx.db, profileId)
    }
  }
}
