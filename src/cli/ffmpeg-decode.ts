/**
 * M4A/AAC for the CLI through the system's `ffmpeg`: the only free AAC decoders published on npm
 * are builds of FAAD2 (GPL-2.0), which this MIT app does not bundle. ffmpeg reads a temporary copy
 * (an MP4 often keeps its index at the end, which a pipe cannot seek to) and writes 32-bit float
 * mono at the stream's own rate (the import resamples it like any WAV) to its standard output. ffmpeg leaves the encoder's
 * last-frame padding in (about 40 ms of silence), so the audio is cut to the stream's own duration as
 * ffprobe reads it from the container, as a gapless decoder would.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** When ffprobe cannot read the rate, ffmpeg is asked for the voice model's. */
const FALLBACK_RATE = 16_000

export async function decodeWithFfmpeg(bytes: Uint8Array): Promise<{ channelData: Float32Array[]; sampleRate: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'haru-decode-'))
  const input = join(dir, 'input')
  try {
    writeFileSync(input, bytes, { mode: 0o600 })
    const stream = await probe(input)
    const rate = stream?.sampleRate ?? FALLBACK_RATE
    const pcm = await run(['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', input, '-vn', '-ac', '1', '-ar', String(rate), '-f', 'f32le', 'pipe:1'])
    const decoded = new Float32Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.byteLength / 4))
    const length = stream?.duration ? Math.min(decoded.length, Math.round(stream.duration * rate)) : decoded.length
    return { channelData: [decoded.slice(0, length)], sampleRate: rate }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The audio stream's rate and duration as the container states them, or null when ffprobe cannot say. */
async function probe(path: string): Promise<{ sampleRate: number; duration: number | null } | null> {
  try {
    const out = await run(['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=sample_rate,duration', '-of', 'default=noprint_wrappers=1', path], 'ffprobe')
    const text = out.toString()
    const field = (name: string) => Number(text.match(new RegExp(`^${name}=(.*)$`, 'm'))?.[1])
    const sampleRate = field('sample_rate')
    const duration = field('duration')
    if (!(sampleRate >= 8000 && sampleRate <= 192_000)) return null
    return { sampleRate, duration: Number.isFinite(duration) && duration > 0 ? duration : null }
  } catch {
    return null
  }
}

function run(args: string[], tool = 'ffmpeg'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    let err = ''
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => (err += b.toString()).length > 4000 && (err = err.slice(-4000)))
    child.on('error', reject) // ENOENT: no ffmpeg on the PATH
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(err.trim().split('\n').pop() || `${tool} exited with ${code}`))))
  })
}
