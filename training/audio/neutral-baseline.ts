/**
 * The baseline statistic the model was trained with (emodb_data.baseline_of in Python), computed
 * with the app's own calibration code: per coefficient, mean and population std over the VOICED
 * MFCC frames (`voicedFrameMask(frameEnergyDb(x))`, default options) of a voice's neutral clips,
 * pooled over clips. That is what src/shared/calibration builds from accepted takes, minus its
 * take-level quality checks and outlier dropping.
 */
import { computeMfcc, frameEnergyDb, voicedFrameMask, type Baseline } from '../../src/shared/audio'
import { poolStats, statsOfFrames, statsStd } from '../../src/shared/calibration/frame-stats'

const RATE = 16_000

/** `clips16k`: mono 16 kHz samples of neutral speech. */
export function neutralBaseline(clips16k: readonly Float32Array[]): Baseline {
  const pooled = poolStats(clips16k.map((x) => statsOfFrames(computeMfcc(x, RATE), voicedFrameMask(frameEnergyDb(x, RATE)))))
  if (pooled.frames < 2) throw new RangeError('a baseline needs at least two voiced MFCC frames')
  return { mean: Float32Array.from(pooled.mean), std: Float32Array.from(statsStd(pooled)) }
}
