import { slidingWindows, type FrameWindow } from '../../shared/audio'

/** A window counts when at least this share of its frames is voiced. */
export const MIN_VOICED_SHARE = 0.3
export const WINDOW_FRAMES = 100
export const WINDOW_HOP = 50

export class NoSpeechError extends Error {
  readonly code = 'no-speech'
  constructor() {
    super('no voice was detected in the recording (it is silent or only background noise)')
  }
}

/**
 * The windows `full` mode classifies: 100 frames every 50, keeping those with enough voiced
 * frames. A clip shorter than one window is judged by its own length.
 */
export function voicedWindows(voiced: Uint8Array): { kept: FrameWindow[]; total: number } {
  const windows = slidingWindows(voiced.length, WINDOW_FRAMES, WINDOW_HOP, voiced)
  const kept = windows.filter((w) => w.voicedFrames >= MIN_VOICED_SHARE * (w.end - w.start))
  if (kept.length === 0) throw new NoSpeechError()
  return { kept, total: windows.length }
}

/** Averages per-window vectors weighted by each window's voiced frames, so mostly-silent windows count less. */
export function weightedMean(rows: readonly ArrayLike<number>[], weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0)
  const width = rows[0]?.length ?? 0
  const out = new Array<number>(width).fill(0)
  rows.forEach((row, i) => {
    for (let j = 0; j < width; j++) out[j]! += (row[j]! * weights[i]!) / total
  })
  return out
}
