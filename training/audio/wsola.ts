/**
 * WSOLA (waveform-similarity overlap-add) time stretching, used only to build the pitch-shift
 * augmentation: resampling changes pitch AND tempo, WSOLA then restores the original duration
 * without touching the spectrum much. Training-only code; quality only has to be good enough
 * that the 13 MFCCs of the result look like speech.
 */

/** 40 ms at 16 kHz: long enough to span two pitch periods of a low male voice. */
const FRAME = 640
const SYNTHESIS_HOP = FRAME / 2
/** ±8 ms search for the best-aligned analysis frame. */
const TOLERANCE = 128

function hann(length: number): Float64Array {
  // Periodic Hann sums to exactly 1 at 50 % overlap, so overlap-add needs no renormalising.
  const w = new Float64Array(length)
  for (let n = 0; n < length; n++) w[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / length)
  return w
}

const WINDOW = hann(FRAME)

/** Stretches `input` to exactly `targetLength` samples, keeping its pitch. */
export function timeStretch(input: Float32Array, targetLength: number): Float32Array {
  if (!Number.isInteger(targetLength) || targetLength <= 0) throw new RangeError(`target length must be a positive integer, got ${targetLength}`)
  const n = input.length
  // Zero-pad both ends so every analysis frame and search offset stays in range.
  const pad = FRAME + TOLERANCE
  const x = new Float64Array(n + 2 * pad)
  for (let i = 0; i < n; i++) x[pad + i] = input[i]!
  const analysisHop = (SYNTHESIS_HOP * n) / targetLength
  const out = new Float64Array(targetLength + FRAME)
  const frames = Math.ceil(targetLength / SYNTHESIS_HOP) + 1
  // Start of the previously copied frame in padded input coordinates; its natural
  // continuation (prev + hop) is what the next frame should resemble.
  let previous = 0
  for (let k = 0; k < frames; k++) {
    // Output frame k starts at (k − 1)·hop, which maps to input (k − 1)·analysisHop.
    const nominal = Math.round(pad + (k - 1) * analysisHop)
    let best = nominal
    if (k > 0) {
      const natural = previous + SYNTHESIS_HOP
      let bestScore = -Infinity
      const lo = Math.max(0, nominal - TOLERANCE)
      const hi = Math.min(x.length - FRAME, nominal + TOLERANCE)
      for (let c = lo; c <= hi; c++) {
        // Correlate only the overlapping half: that is where the two frames are summed.
        let score = 0
        for (let i = 0; i < SYNTHESIS_HOP; i++) score += x[c + i]! * x[natural + i]!
        if (score > bestScore) {
          bestScore = score
          best = c
        }
      }
    }
    best = Math.max(0, Math.min(x.length - FRAME, best))
    const outStart = k * SYNTHESIS_HOP - SYNTHESIS_HOP
    for (let i = 0; i < FRAME; i++) {
      const o = outStart + i
      if (o >= 0 && o < out.length) out[o]! += x[best + i]! * WINDOW[i]!
    }
    previous = best
  }
  const result = new Float32Array(targetLength)
  for (let i = 0; i < targetLength; i++) result[i] = out[i]!
  return result
}
