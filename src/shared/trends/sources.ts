/** Which analysis a trend reads: the entry's words, the voice memos, or the two fused. Zod-free for the renderer. */
export const ANALYSIS_SOURCES = ['text', 'audio', 'fused'] as const
export type AnalysisSource = (typeof ANALYSIS_SOURCES)[number]

/** Longest range `trends.days` returns day by day (a year view plus margin); longer ranges use buckets. */
export const MAX_DAY_RANGE = 400
