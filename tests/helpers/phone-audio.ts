import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'

/**
 * Phone-style voice notes made at test time from one espeak-ng utterance, by Debian's ffmpeg and
 * sox (installed by .ci/run): the same speech as WAV, M4A/AAC, MP3, Ogg/Opus, Ogg/Vorbis and FLAC.
 */
export const SENTENCE = '오늘은 아침 일곱 시에 일어나서 물을 한 잔 마셨습니다. 산책을 하고 친구를 만났어요.'
export const OTHER_SENTENCE = '내일은 비가 많이 온다고 해서 우산을 챙겨야겠어요. 버스를 놓쳤어요.'

export type PhoneFormat = 'm4a' | 'mp3' | 'opus' | 'vorbis' | 'flac'
export const PHONE_FORMATS: readonly PhoneFormat[] = ['m4a', 'mp3', 'opus', 'vorbis', 'flac']
const FILE: Record<PhoneFormat, string> = { m4a: 'speech.m4a', mp3: 'speech.mp3', opus: 'speech.opus', vorbis: 'speech.ogg', flac: 'speech.flac' }

const has = (tool: string) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0 || spawnSync(tool, ['-version'], { stdio: 'ignore' }).status === 0

/** Whether espeak-ng, ffmpeg and sox are here; in CI their absence is a failure, not a skip. */
export function hasAudioTools(): boolean {
  const missing = ['espeak-ng', 'ffmpeg', 'sox'].filter((t) => !has(t))
  if (missing.length === 0) return true
  if (process.env.CI === 'true') throw new Error(`CI=true but ${missing.join(', ')} is missing: .ci/run installs them`)
  console.warn(`[skip] ${missing.join(', ')} not installed; skipping the phone-format tests`)
  return false
}

const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args])

/**
 * Writes `speech.wav` (espeak-ng's 22.05 kHz mono) and the five phone formats in `dir`, each
 * with `stamp` (an ISO time) as its recording date when given. Returns the paths by format.
 */
export function makePhoneMemos(dir: string, opts: { stamp?: string; sentence?: string; prefix?: string } = {}): { wav: string } & Record<PhoneFormat, string> {
  const name = (f: string) => join(dir, `${opts.prefix ?? ''}${f}`)
  const wav = name('speech.wav')
  execFileSync('espeak-ng', ['-v', 'ko', '-s', '140', '-w', wav, opts.sentence ?? SENTENCE])
  // What phones write: ffmpeg puts creation_time in the MP4 mvhd, in Vorbis comments, and as ID3 TDEN/TDRC.
  const meta = opts.stamp ? ['-metadata', `creation_time=${opts.stamp}`, '-metadata', `date=${opts.stamp.slice(0, 10)}`] : []
  ffmpeg('-i', wav, '-c:a', 'aac', '-b:a', '64k', ...meta, name(FILE.m4a))
  ffmpeg('-i', wav, '-c:a', 'libmp3lame', '-b:a', '64k', '-id3v2_version', '4', ...meta, name(FILE.mp3))
  ffmpeg('-i', wav, '-c:a', 'libopus', '-b:a', '32k', ...meta, name(FILE.opus))
  ffmpeg('-i', wav, '-c:a', 'libvorbis', '-q:a', '4', ...meta, name(FILE.vorbis))
  // FLAC by sox (the other tool a phone-less tester has), its date as a Vorbis comment.
  execFileSync('sox', [wav, ...(opts.stamp ? ['--comment', `DATE=${opts.stamp.slice(0, 10)}`] : []), name(FILE.flac)])
  return { wav, m4a: name(FILE.m4a), mp3: name(FILE.mp3), opus: name(FILE.opus), vorbis: name(FILE.vorbis), flac: name(FILE.flac) }
}
