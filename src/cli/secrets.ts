import { PassThrough } from 'node:stream'
import { UsageError } from './context'

/**
 * Where the CLI gets passphrases: never from an argument or an environment variable (both end up
 * in shell history, `ps` output or crash reports). With `--passphrase-stdin`, each passphrase a
 * command needs is one line of standard input, in the order the command documents (the diary's
 * first when it is locked, then the command's own); whatever follows is the command's ordinary
 * input. Without it, on a terminal, Haru asks without echoing what is typed; otherwise it refuses.
 */
export interface SecretSource {
  /** The next passphrase; `label` is how a terminal prompt names it ("passphrase", "new passphrase"). */
  next(label: string, opts?: { confirm?: boolean }): Promise<string>
  /** Standard input after the passphrase lines, for commands that read their input from it. */
  rest(): NodeJS.ReadableStream
}

/** A terminal for prompting: raw-mode input and somewhere to write the prompt (stderr). */
export interface Tty {
  input: NodeJS.ReadableStream & { setRawMode(mode: boolean): unknown }
  output: { write(text: string): unknown }
}

export class SecretCancelled extends Error {}

export function secretSource(opts: { fromStdin: boolean; stdin: NodeJS.ReadableStream; tty?: Tty }): SecretSource {
  if (opts.fromStdin) return lineSource(opts.stdin)
  const tty = opts.tty
  return {
    next: async (label, { confirm = false } = {}) => {
      if (!tty) throw new UsageError(`the ${label} is needed: give it on standard input with --passphrase-stdin (it is never read from arguments or the environment)`)
      const first = await prompt(tty, `${label}: `)
      if (confirm && (await prompt(tty, `${label} again: `)) !== first) throw new UsageError(`the two ${label}s differ`)
      return first
    },
    rest: () => opts.stdin
  }
}

/** Lines of a stream read one at a time, on demand; what is left is handed on untouched. */
function lineSource(stream: NodeJS.ReadableStream): SecretSource {
  let pending = Buffer.alloc(0)
  let ended = false
  const more = () =>
    new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer | string) => {
        pending = Buffer.concat([pending, Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)])
        done()
      }
      const onEnd = () => {
        ended = true
        done()
      }
      const done = () => {
        stream.off('data', onData)
        stream.off('end', onEnd)
        stream.off('error', reject)
        stream.pause()
        resolve()
      }
      stream.on('data', onData)
      stream.once('end', onEnd)
      stream.once('error', reject)
      stream.resume()
    })
  return {
    next: async (label) => {
      for (;;) {
        const nl = pending.indexOf(0x0a)
        if (nl >= 0) {
          const line = pending.subarray(0, nl).toString('utf8').replace(/\r$/, '')
          pending = pending.subarray(nl + 1)
          return line
        }
        if (ended) {
          if (pending.length === 0) throw new UsageError(`the ${label} was expected on standard input (one per line), but it ended`)
          const line = pending.toString('utf8').replace(/\r$/, '')
          pending = Buffer.alloc(0)
          return line
        }
        await more()
      }
    },
    rest: () => {
      const out = new PassThrough()
      if (pending.length > 0) out.write(pending)
      if (ended) out.end()
      else {
        stream.pipe(out)
        stream.resume()
      }
      return out
    }
  }
}

/** Reads one line from a terminal in raw mode, echoing nothing; Backspace edits, Ctrl-C or Ctrl-D on an empty line cancels. */
function prompt(tty: Tty, question: string): Promise<string> {
  tty.output.write(question)
  tty.input.setRawMode(true)
  let typed: string[] = []
  return new Promise<string>((resolve, reject) => {
    const finish = (err: Error | null) => {
      tty.input.off('data', onData)
      tty.input.setRawMode(false)
      tty.input.pause()
      tty.output.write('\n')
      if (err) reject(err)
      else resolve(typed.join(''))
      typed = []
    }
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return finish(null)
        if (ch === '\u0003' || (ch === '\u0004' && typed.length === 0)) return finish(new SecretCancelled('cancelled'))
        if (ch === '\u007f' || ch === '\b') typed.pop()
        else if (ch >= ' ') typed.push(ch)
      }
    }
    tty.input.on('data', onData)
    tty.input.resume()
  })
}
