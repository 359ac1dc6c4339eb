import { useEffect, useRef } from 'react'

interface Props {
  /** Peak amplitude per column, 0..1. */
  peaks: readonly number[]
  /** 0..1 of the way through, for a playhead; omit for a live (scrolling) view. */
  progress?: number
  label: string
  onSeek?: (fraction: number) => void
}

/** A bar waveform on a canvas: live while recording (newest at the right), or a memo's overview with a playhead. */
export function Waveform({ peaks, progress, label, onSeek }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    const c = canvas.current
    const g = c?.getContext('2d')
    if (!c || !g) return
    const styles = getComputedStyle(c)
    const ink = styles.getPropertyValue('--accent').trim() || '#4f7a6b'
    const muted = styles.getPropertyValue('--line').trim() || '#ccc'
    const { width, height } = c
    g.clearRect(0, 0, width, height)
    const bar = width / Math.max(1, peaks.length)
    peaks.forEach((p, i) => {
      const h = Math.max(1, p * height)
      g.fillStyle = progress !== undefined && i / peaks.length > progress ? muted : ink
      g.fillRect(i * bar, (height - h) / 2, Math.max(1, bar - 1), h)
    })
  }, [peaks, progress])

  return (
    <canvas
      ref={canvas}
      className="waveform"
      width={600}
      height={56}
      role="img"
      aria-label={label}
      onClick={(e) => {
        if (!onSeek) return
        const rect = e.currentTarget.getBoundingClientRect()
        onSeek((e.clientX - rect.left) / rect.width)
      }}
    />
  )
}

/** Peaks of `columns` equal slices of the samples, for an overview waveform. */
export function overviewPeaks(samples: Float32Array, columns = 150): number[] {
  const step = Math.max(1, Math.floor(samples.length / columns))
  const out: number[] = []
  for (let c = 0; c < columns && c * step < samples.length; c++) {
    let peak = 0
    for (let i = c * step; i < Math.min(samples.length, (c + 1) * step); i++) peak = Math.max(peak, Math.abs(samples[i]!))
    out.push(peak)
  }
  return out
}
