import { parseArgs } from 'node:util'
import { HaruApiError } from '../shared/api/errors'
import { openHaruService } from '../main/api/service'
import { packageVersion } from '../main/app-version'
import { resolveDataDir } from '../main/data-dir'
import { commands } from './commands'
import { call, UsageError } from './context'
import { SecretCancelled, secretSource, type Tty } from './secrets'

const printLine = (s: string): void => console.log(s)

const GLOBAL_FLAGS = { 'data-dir': 'string', json: 'boolean', help: 'boolean', 'passphrase-stdin': 'boolean' } as const

function usage(): string {
  const lines = Object.entries(commands).map(([, c]) => `  haru ${c.usage}\n      ${c.summary}`)
  return [
    'haru — the Haru diary from the command line (same database as the app)',
    '',
    'Commands:',
    ...lines,
    '',
    'Global options: --data-dir DIR (or HARU_DATA_DIR), --json, --help,',
    '  --passphrase-stdin: passphrases (the locked diary\'s first, then the command\'s own) are the first',
    '  lines of standard input; without it a terminal asks without echo. Never from arguments or the environment.'
  ].join('\n')
}

/**
 * Runs one CLI invocation; returns the exit code (0 ok, 1 failed, 2 usage). `stdin` (default: the
 * process's) and `terminal` (default: stdout when it is a TTY) are injectable for tests.
 */
export async function main(
  argv: string[],
  out = printLine,
  err = (s: string) => console.error(s),
  stdin?: NodeJS.ReadableStream,
  // A terminal only when our lines go to a TTY stdout (never when a caller collects them).
  terminal: { write(text: string): void } | undefined = out === printLine && process.stdout.isTTY ? { write: (t) => void process.stdout.write(t) } : undefined,
  tty: Tty | undefined = stdin === undefined && process.stdin.isTTY ? { input: process.stdin, output: process.stderr } : undefined
): Promise<number> {
  if (argv.some((a) => /^--(passphrase|password|recovery-key)(=|$)/.test(a))) {
    err('haru: a passphrase is never taken from the command line (it would stay in shell history); use --passphrase-stdin, or type it when asked')
    return 2
  }
  // Parse once with every flag any command knows, so flag values are never mistaken for the command name.
  const allFlags: Record<string, { type: 'string' | 'boolean' }> = {}
  for (const c of [{ flags: GLOBAL_FLAGS }, ...Object.values(commands)]) {
    for (const [k, type] of Object.entries(c.flags)) allFlags[k] = { type }
  }
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: allFlags, allowPositionals: true, strict: true })
  } catch (e) {
    err(`haru: ${(e as Error).message}\n\n${usage()}`)
    return 2
  }
  const twoWords = parsed.positionals.slice(0, 2).join(' ')
  const nameWords = commands[twoWords] ? 2 : 1
  const command = commands[twoWords] ?? commands[parsed.positionals[0] ?? '']
  if (!command || parsed.values.help) {
    ;(command ? out : err)(command ? `haru ${command.usage}\n  ${command.summary}` : usage())
    return command ? 0 : 2
  }
  const foreign = Object.keys(parsed.values).filter((k) => !(k in GLOBAL_FLAGS) && !(k in command.flags))
  if (foreign.length > 0) {
    err(`haru: ${foreign.map((f) => `--${f}`).join(', ')} does not apply here\nusage: haru ${command.usage}`)
    return 2
  }
  const dataDir = resolveDataDir(parsed.values['data-dir'] as string | undefined)
  let service
  try {
    service = openHaruService({ dataDir, appVersion: packageVersion(), transport: 'web' })
  } catch (e) {
    err(`haru: cannot open the diary in ${dataDir}: ${(e as Error).message}`)
    return 1
  }
  const secrets = secretSource({ fromStdin: parsed.values['passphrase-stdin'] === true, stdin: stdin ?? process.stdin, tty })
  const opened = service
  const unlock = async () => {
    if (opened.lock.isLocked) await call(opened, 'lock', 'unlock', { passphrase: await secrets.next('passphrase') })
  }
  try {
    if ((command.diary ?? 'needed') === 'needed') await unlock()
    const input = parsed.values['passphrase-stdin'] === true ? secrets.rest() : stdin
    await command.run({ args: parsed.positionals.slice(nameWords), flags: parsed.values, service, out, stdin: input, terminal, secrets, unlock })
    return 0
  } catch (e) {
    if (e instanceof SecretCancelled) {
      err('haru: cancelled')
      return 1
    }
    if (e instanceof UsageError) {
      err(`haru: ${e.message}\nusage: haru ${command.usage}`)
      return 2
    }
    // Typed errors (API, analysis, audio, model pack) carry a code and a message meant for people.
    const typed = e instanceof HaruApiError || typeof (e as { code?: unknown })?.code === 'string'
    err(`haru: ${typed ? (e as Error).message : (e as Error).stack ?? String(e)}`)
    return 1
  } finally {
    service.close()
  }
}

// Run only as the entry point, so tests can import main() and call it in-process.
const isEntry = process.argv[1] && /(?:cli[\\/]index\.ts|bin[\\/]haru\.mjs)$/.test(process.argv[1])
if (isEntry) process.exitCode = await main(process.argv.slice(2))
