import type { DomainHandlers } from '../../shared/api/contract'
import type { HandlerContext } from '../api/handlers'
import { moodAgreement } from './agreement'
import { clearMood, getMood, listMoods, setMood } from './mood-repo'

export const moodsHandlers: DomainHandlers<'moods', HandlerContext> = {
  set: (input, { db }) => setMood(db, input),
  get: ({ profileId, date }, { db }) => getMood(db, profileId, date),
  clear: ({ profileId, date }, { db }) => ({ cleared: clearMood(db, profileId, date) }),
  list: (input, { db }) => listMoods(db, input),
  agreement: (input, { db }) => moodAgreement(db, input)
}
