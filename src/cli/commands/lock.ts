import type { LockStatus } from '../../shared/api/lock-schemas'
import { call, UsageError, type Command, type CommandContext } from '../context'

/**
 * `haru lock enable|disable|change|status`: the diary lock from a terminal, on the same service
 * calls as Settings. Passphrases come from standard input (`--passphrase-stdin`, one per line) or
 * a no-echo prompt; the recovery key is printed once, by `enable`.
 */

function describe(s: LockStatus): string {
  if (!s.enabled) return 'the diary is not encrypted (no passphrase); `haru lock enable` sets one'
  const state = s.locked ? 'locked' : 'unlocked'
  const ciphers = s.ciphers ? `database ${s.ciphers.database}, recordings ${s.ciphers.files}, passphrase ${s.ciphers.kdf}` : ''
  const wait = s.retryAfterMs > 0 ? `; wrong passphrases: next try in ${Math.ceil(s.retryAfterMs / 1000)} s` : ''
  return `the diary is encrypted (${ciphers}); ${state} here; auto-lock ${s.autoLockMinutes ? `after ${s.autoLockMinutes} min` : 'never'} in the app${wait}`
}

/** The current secret: the passphrase, or with --with-recovery-key the recovery key; the diary is unlocked with it. */
async function currentSecret(ctx: CommandContext): Promise<{ passphrase?: string; recoveryKey?: string }> {
  const secret = ctx.flags['with-recovery-key'] ? { recoveryKey: await ctx.secrets.next('recovery key') } : { passphrase: await ctx.secrets.next('passphrase') }
  if (ctx.service.lock.isLocked) await call(ctx.service, 'lock', 'unlock', secret)
  return secret
}

export const lockStatusCommand: Command = {
  usage: 'lock status [--json]',
  summary: 'whether the diary is encrypted, with what, and whether wrong passphrases are being held back (needs no passphrase)',
  flags: {},
  diary: 'self',
  async run(ctx) {
    const status = await call(ctx.service, 'lock', 'status', {})
    ctx.out(ctx.flags.json ? JSON.stringify(status, null, 2) : describe(status))
  }
}

export const lockEnableCommand: Command = {
  usage: 'lock enable [--passphrase-stdin]',
  summary:
    'encrypt the whole diary under a new passphrase (asked twice on a terminal; one line with --passphrase-stdin) and print the one-time recovery key. Losing both the passphrase and the recovery key means losing the diary',
  flags: {},
  diary: 'self',
  async run(ctx) {
    const status = await call(ctx.service, 'lock', 'status', {})
    if (status.enabled) throw new UsageError('the diary already has a passphrase; use `haru lock change`')
    const passphrase = await ctx.secrets.next('new passphrase', { confirm: true })
    const result = await call(ctx.service, 'lock', 'enable', { passphrase, acknowledgeLoss: true })
    if (ctx.flags.json) return ctx.out(JSON.stringify(result, null, 2))
    ctx.out('the diary is now encrypted.')
    ctx.out(`recovery key (shown once; write it down and keep it safe): ${result.recoveryKey}`)
    ctx.out('without the passphrase and without this key, nobody can open the diary again.')
  }
}

export const lockDisableCommand: Command = {
  usage: 'lock disable [--passphrase-stdin]',
  summary: 'decrypt the diary again (asks for the current passphrase); afterwards anyone with access to its folder can read it',
  flags: {},
  diary: 'self',
  async run(ctx) {
    const { passphrase } = await currentSecret(ctx)
    const status = await call(ctx.service, 'lock', 'disable', { passphrase: passphrase! })
    ctx.out(ctx.flags.json ? JSON.stringify(status, null, 2) : 'the diary is no longer encrypted.')
  }
}

export const lockChangeCommand: Command = {
  usage: 'lock change [--with-recovery-key] [--passphrase-stdin]',
  summary:
    'a new passphrase: the current one (or, with --with-recovery-key, the recovery key) then the new one, one per line with --passphrase-stdin. Only the wrapped key is rewritten; the recovery key keeps working',
  flags: { 'with-recovery-key': 'boolean' },
  diary: 'self',
  async run(ctx) {
    const secret = await currentSecret(ctx)
    const newPassphrase = await ctx.secrets.next('new passphrase', { confirm: true })
    const status = await call(ctx.service, 'lock', 'change', { ...secret, newPassphrase })
    ctx.out(ctx.flags.json ? JSON.stringify(status, null, 2) : 'the passphrase was changed.')
  }
}
