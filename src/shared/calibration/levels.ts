/**
 * Live input levels for a microphone meter, from the PCM chunks a capture delivers. Pure, so the
 * renderer's meter and its tests agree on what "clipping" and "silent" mean.
 */

export interface ChunkLevel {
  /** RMS of the chunk in dBFS (−100 for digital silence). */
  rmsDb: number
  /** Largest |sample| in dBFS. */
  peakDb: number
  /** Samples at (or within 0.1% of) full scale. */
  clippedSamples: number
}

const FLOOR_DB = -100
export const CLIP_LEVEL = 0.999

export const toDb = (amplitude: number): number => (amplitude > 0 ? Math.max(FLOOR_DB, 20 * Math.log10(amplitude)) : FLOOR_DB)

export function chunkLevel(chunk: Float32Array): ChunkLevel {
  let sum = 0
  let peak = 0
  let clipped = 0
  for (let i = 0; i < chunk.length; i++) {
    const a = Math.abs(chunk[i]!)
    sum += a * a
    if (a > peak) peak = a
    if (a >= CLIP_LEVEL) clipped++
  }
  return { rmsDb: toDb(Math.sqrt(sum / Math.max(1, chunk.length))), peakDb: toDb(peak), clippedSamples: clipped }
}

/** The meter's scale: −60 dBFS (empty) to 0 dBFS (full), as a 0..1 fraction. */
export const meterFraction = (db: number, floorDb = -60): number => Math.min(1, Math.max(0, (db - floorDb) / -floorDb))

/** Thresholds of the live microphone check (the take checks in TAKE_RULES decide acceptance). */
export const MIC_CHECK = {
  /** A room quieter than this is fine; louder gets a warning before recording. */
  quietRoomDb: -45,
  /** Input below this for `silentAfterSec` means the microphone hears nothing at all. */
  silentBelowDb: -70,
  silentAfterSec: 2,
  /** How long the room is listened to for its noise floor. */
  noiseSampleSec: 2
} as const

/**
 * Noise floor of a quiet stretch: the median chunk RMS, so a cough or a click during the
 * measurement does not move it.
 */
export function noiseFloorDb(levels: readonly ChunkLevel[]): number {
  if (levels.length === 0) return FLOOR_DB
  const sorted = levels.map((l) => l.rmsDb).sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]!
}
