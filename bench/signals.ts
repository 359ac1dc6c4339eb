/** Deterministic speech-like signal: a gliding harmonic tone with syllable envelope and noise. */
export function syntheticSpeech(seconds: number, sampleRate = 16000): Float32Array {
  let seed = 7
  const noise = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1
  let phase = 0
  return Float32Array.from({ length: sampleRate * seconds }, (_, i) => {
    const t = i / sampleRate
    phase += (2 * Math.PI * (120 + 30 * Math.sin(2 * Math.PI * 0.5 * t))) / sampleRate
    const envelope = Math.max(0, Math.sin(2 * Math.PI * 2.5 * t))
    let voiced = 0
    for (let h = 1; h <= 8; h++) voiced += Math.sin(h * phase) / h
    return 0.2 * envelope * voiced + 0.005 * noise()
  })
}

