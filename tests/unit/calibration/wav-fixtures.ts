import { encodeWav16, resampleTo } from '../../../src/shared/audio'
import { RATE, syntheticVoice, type VoiceOptions } from './signals'

/** A generated take as the wizard sends it: base64 of a 16-bit WAV. */
export function voiceBase64(opts: VoiceOptions): string {
  return Buffer.from(encodeWav16(syntheticVoice(opts), RATE)).toString('base64')
}

/** The same take at a browser's native 48 kHz, as a microphone that refused 16 kHz would deliver it. */
export async function voiceBase64At48k(opts: VoiceOptions): Promise<string> {
  return Buffer.from(encodeWav16(await resampleTo(syntheticVoice(opts), RATE, 48_000), 48_000)).toString('base64')
}
