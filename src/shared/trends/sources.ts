/** Which analysis a trend reads: the entry's words, the voice memos, or the two fused. Zod-free for the renderer. */
export const ANALYSIS_SOURCES = ['text', 'audio', 'fused'] as const
export type AnalysisSource = (typeof ANALYSIS_SOURCES)[number]

/**
 * What a day can be read from: the analyses above, and `self`, the writer's own check-in
 * (`day_moods`, a day row of its own in `analysis_daily` since migration 0008).
 */
export const DAY_SOURCES = [...ANALYSIS_SOURCES, 'self'] as const
export type DaySource = (typeof DAY_SOURCES)[number]

/** Longest range `trends.days` returns day by day (a year view plus margin); longer ranges use buckets. */
export const MAX_DAY_RANGE = 400
