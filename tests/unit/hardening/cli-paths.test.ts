/**
 * Defect 7 of issue 13 (and the raw EISDIR / ENAMETOOLONG messages of 10): the CLI reads regular
 * files only and checks their size first. A link to /dev/zero grew `analyze-audio` past 8.2 GB; a
 * named pipe hung `calibrate`. Real FIFOs (mkfifo) and real symbolic links.
 */
import { execFileSync } from 'node:child_process'
import { closeSync, constants, mkdirSync, openSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/index'
import { makeTempDir } from '../../helpers/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
const fifos: string[] = []
beforeEach(() => {
  tmp = makeTempDir()
})
afterEach(() => {
  // A reader still blocked in open() on a FIFO is released by a writer opening it.
  for (const f of fifos.splice(0)) {
    try {
      closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK))
    } catch {
      // nobody was reading
    }
  }
  tmp.cleanup()
})

async function haru(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const run = main([...argv, '--data-dir', join(tmp.dir, 'data')], (s) => out.push(s), (s) => err.push(s))
  const hung = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000))
  const code = await Promise.race([run, hung])
  return { code, out: out.join('\n'), err: err.join('\n') }
}

function fifo(name: string): string {
  const path = join(tmp.dir, name)
  execFileSync('mkfifo', [path])
  fifos.push(path)
  return path
}

function linkToDevZero(name: string): string {
  const path = join(tmp.dir, name)
  symlinkSync('/dev/zero', path)
  return path
}

describe('the CLI opens regular files only (defect 7)', () => {
  it('analyze-audio refuses a named pipe at once instead of hanging', async () => {
    const r = await haru('analyze-audio', fifo('pipe.wav'), '--model', 'default')
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/pipe\.wav is a named pipe, not a regular file/)
  }, 30_000)

  it('calibrate reports a named pipe among its files instead of hanging', async () => {
    expect((await haru('profiles', 'add', '도윤')).code).toBe(0)
    const r = await haru('calibrate', '--profile', '도윤', fifo('take.wav'))
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/take\.wav is a named pipe, not a regular file/)
  }, 30_000)

  it('analyze-audio and calibrate refuse a link to /dev/zero before reading it', async () => {
    const a = await haru('analyze-audio', linkToDevZero('zero.wav'), '--model', 'default')
    expect(a.code).toBe(1)
    expect(a.err).toMatch(/zero\.wav is a device, not a regular file/)
    expect((await haru('profiles', 'add', '도윤')).code).toBe(0)
    const c = await haru('calibrate', '--profile', '도윤', linkToDevZero('zero-take.wav'))
    expect(c.code).toBe(1)
    expect(c.out).toMatch(/zero-take\.wav is a device, not a regular file/)
  }, 30_000)

  it('memos add and import refuse a folder, a pipe and an over-long path with a sentence, not EISDIR/ENAMETOOLONG', async () => {
    expect((await haru('profiles', 'add', '도윤')).code).toBe(0)
    const folder = join(tmp.dir, 'folder.wav')
    mkdirSync(folder)
    const dir = await haru('memos', 'add', folder, '--profile', '도윤')
    expect(dir.code).toBe(1)
    expect(dir.err).toMatch(/folder\.wav is a folder/)
    const long = await haru('memos', 'add', join(tmp.dir, `${'가'.repeat(200)}.wav`), '--profile', '도윤')
    expect(long.code).toBe(1)
    expect(long.err).not.toMatch(/ENAMETOOLONG|EISDIR|EINVAL/)
    expect(long.err).toMatch(/too long/)
    const pipe = await haru('import', fifo('backup.zip'))
    expect(pipe.code).toBe(1)
    expect(pipe.err).toMatch(/backup\.zip is not a file or folder Haru can import/)
  }, 30_000)
})
