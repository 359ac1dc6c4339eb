import { useEffect, useRef } from 'react'
import styles from './Waveform.module.css'

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

  const seekable = onSeek !== undefined && progress !== undefined
  const seekBy = (delta: number) => onSeek?.(Math.min(1, Math.max(0, (progress ?? 0) + delta)))
  const keys: Record<string, () => void> = {
    ArrowRight: () => seekBy(0.05),
    ArrowUp: () => seekBy(0.05),
    ArrowLeft: () => seekBy(-0.05),
    ArrowDown: () => seekBy(-0.05),
    PageUp: () => seekBy(0.2),
    PageDown: () => seekBy(-0.2),
    Home: () => onSeek?.(0),
    End: () => onSeek?.(1)
  }

  return (
    <canvas
      ref={canvas}
      className={styles.waveform}
      width={600}
      height={56}
      // A memo's overview is a seek bar for the keyboard too; the live view is only a picture.
      role={seekable ? 'slider' : 'img'}
      tabIndex={seekable ? 0 : undefined}
      aria-valuemin={seekable ? 0 : undefined}
      aria-valuemax={seekable ? 100 : undefined}
      aria-valuenow={seekable ? Math.round((progress ?? 0) * 100) : undefined}
      aria-label={label}
      onKeyDown={(e) => {
        const action = seekable ? keys[e.key] : undefined
        if (!action) return
        e.preventDefault()
        action()
      }}
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
