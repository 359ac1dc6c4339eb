import { z } from 'zod'
import { channelName } from './channel'
import {
  entrySchema,
  entrySummarySchema,
  entryTextSchema,
  GENDER_HINTS,
  idSchema,
  isoDateSchema,
  profileNameSchema,
  profileSchema
} from './schemas'
import { baselinesMethods, calibrationMethods, reanalysisMethods } from './calibration-schemas'
import { analysisMethods } from './analysis-schemas'
import { asrMethods } from './asr-schemas'
import { entryDayMethods } from './day-schemas'
import { backupMethods } from './backup-schemas'
import { lockMethods } from './lock-schemas'
import { memosMethods, settingsMethods } from './memos-schemas'
import { modelsMethods } from './models-schemas'
import { correctionsMethods, moodsMethods } from './moods-schemas'
import { queueMethods } from './queue-schemas'
import { searchMethods } from './search-schemas'
import { reflectionsMethods } from './reflections-schemas'
import { tagsMethods } from './tags-schemas'
import { trendsMethods } from './trends-schemas'

/** A method of the API: what it accepts (validated at the boundary) and what it returns. */
interface Method<I extends z.ZodType, O extends z.ZodType> {
  input: I
  output: O
}
const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): Method<I, O> => ({ input, output })

/** `strictObject` so a misspelt or extra field is an error, not silently ignored. */
const noInput = z.strictObject({})

/**
 * The one contract between the renderer and everything that serves it (Electron IPC, the browser
 * harness, the CLI). Channel names are `domain-verb`, e.g. `entries-create`.
 */
export const apiContract = {
  app: {
    info: method(noInput, z.object({ version: z.string(), dataDir: z.string(), transport: z.enum(['electron', 'web']) }))
  },
  profiles: {
    list: method(noInput, z.array(profileSchema)),
    create: method(
      z.strictObject({ name: profileNameSchema, gender: z.enum(GENDER_HINTS).default('UNSPECIFIED') }),
      profileSchema
    )
  },
  entries: {
    list: method(
      z.strictObject({
        profileId: idSchema,
        from: isoDateSchema.optional(),
        to: isoDateSchema.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        offset: z.number().int().min(0).default(0)
      }),
      z.array(entrySummarySchema)
    ),
    get: method(z.strictObject({ id: idSchema }), entrySchema),
    getByDate: method(z.strictObject({ profileId: idSchema, entryDate: isoDateSchema }), entrySchema.nullable()),
    create: method(z.strictObject({ profileId: idSchema, entryDate: isoDateSchema, text: entryTextSchema }), entrySchema),
    update: method(z.strictObject({ id: idSchema, text: entryTextSchema }), entrySchema),
    delete: method(z.strictObject({ id: idSchema }), z.object({ id: idSchema, deleted: z.literal(true) })),
    ...entryDayMethods
  },
  trends: trendsMethods,
  search: searchMethods,
  tags: tagsMethods,
  calibration: calibrationMethods,
  baselines: baselinesMethods,
  reanalysis: reanalysisMethods,
  queue: queueMethods,
  memos: memosMethods,
  settings: settingsMethods,
  analysis: analysisMethods,
  asr: asrMethods,
  models: modelsMethods,
  backup: backupMethods,
  moods: moodsMethods,
  corrections: correctionsMethods,
  reflections: reflectionsMethods,
  lock: lockMethods
} as const

export { channelName }

export type ApiContract = typeof apiContract
export type Domain = keyof ApiContract
export type Verb<D extends Domain> = keyof ApiContract[D] & string
type MethodOf<D extends Domain, V extends Verb<D>> = ApiContract[D][V] extends Method<infer I, infer O>
  ? { input: I; output: O }
  : never

export type InputOf<D extends Domain, V extends Verb<D>> = z.input<MethodOf<D, V>['input']>
export type ParsedInputOf<D extends Domain, V extends Verb<D>> = z.output<MethodOf<D, V>['input']>
export type OutputOf<D extends Domain, V extends Verb<D>> = z.output<MethodOf<D, V>['output']>


/** Every channel of the contract, resolved back to its domain and verb. */
export const channels: ReadonlyMap<string, { domain: Domain; verb: string }> = new Map(
  (Object.keys(apiContract) as Domain[]).flatMap((domain) =>
    Object.keys(apiContract[domain]).map((verb) => [channelName(domain, verb), { domain, verb }] as const)
  )
)

/** What the server side implements: one handler map per domain. */
export type DomainHandlers<D extends Domain, Ctx> = {
  [V in Verb<D>]: (input: ParsedInputOf<D, V>, ctx: Ctx) => OutputOf<D, V> | Promise<OutputOf<D, V>>
}
export type ApiHandlers<Ctx> = { [D in Domain]: DomainHandlers<D, Ctx> }

/** What the renderer sees as `window.haru`: one async function per method. */
export type HaruApi = {
  [D in Domain]: {
    [V in Verb<D>]: {} extends InputOf<D, V>
      ? (input?: InputOf<D, V>) => Promise<OutputOf<D, V>>
      : (input: InputOf<D, V>) => Promise<OutputOf<D, V>>
  }
}
