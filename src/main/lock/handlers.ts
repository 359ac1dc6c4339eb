import type { DomainHandlers } from '../../shared/api/contract'
import type { DiaryLock } from './diary-lock'

/** What `lock.*` needs: the folder's lock (the same object whether or not a diary session is open). */
export interface LockContext {
  lock: DiaryLock
}

export const lockHandlers: DomainHandlers<'lock', LockContext> = {
  status: (_input, { lock }) => lock.status(),
  unlock: ({ passphrase, recoveryKey }, { lock }) => lock.unlock({ passphrase, recoveryKey }),
  lock: (_input, { lock }) => lock.lock('user'),
  enable: ({ passphrase }, { lock }) => lock.enable(passphrase),
  disable: ({ passphrase }, { lock }) => lock.disable(passphrase),
  change: ({ passphrase, recoveryKey, newPassphrase }, { lock }) => lock.change({ passphrase, recoveryKey }, newPassphrase),
  newRecoveryKey: ({ passphrase }, { lock }) => lock.newRecoveryKey(passphrase),
  settings: (changes, { lock }) => lock.settings(changes),
  activity: (_input, { lock }) => lock.activity()
}
