import { useEffect, useState, type ChangeEvent } from 'react'
import type { BackupExportResult, BackupFormat, BackupImportResult, BackupInfo } from '../../../../shared/api/backup-schemas'
import type { Profile } from '../../../../shared/api/schemas'
import { errorCode, haruApi } from '../../api'
import { bytesToBase64 } from '../../audio/base64'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useLock } from '../../lock/lock-context'
import { cx, ui } from '../../ui/ui'
import styles from './BackupSection.module.css'
import { SettingsSection } from './SettingsSection'
import { BackupPassphrasePrompt, BackupProtection, protectionPassphrase, type Protection } from './BackupProtection'

function useBackupInfo(): BackupInfo | null {
  const [info, setInfo] = useState<BackupInfo | null>(null)
  useEffect(() => {
    haruApi().backup.info().then(setInfo, () => setInfo(null))
  }, [])
  return info
}

const mbOf = (bytes: number) => Math.round(bytes / 1024 / 1024)

export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/**
 * Settings → Backup: export everything (a `.zip` that can be imported again) or a readable
 * Markdown copy into the exports folder, and import a `.zip`. After an import, `onImported` lets
 * the page reload what it shows, and `onShowEntries` opens a profile's History.
 */
export function BackupSection({
  profile,
  onImported,
  onShowEntries
}: {
  profile: Profile
  onImported?: (result: BackupImportResult) => void
  onShowEntries?: (p: Profile) => void
}) {
  const { t } = useI18n()
  const info = useBackupInfo()
  const [format, setFormat] = useState<BackupFormat>('json')
  const [onlyThisProfile, setOnlyThisProfile] = useState(false)
  const [busy, setBusy] = useState(false)
  const [exported, setExported] = useState<BackupExportResult | null>(null)
  const [error, setError] = useState<{ action: string; error: unknown } | null>(null)
  const diaryLocked = useLock()?.status.enabled === true
  // A locked diary's backups are encrypted unless the writer chooses otherwise.
  const [protection, setProtection] = useState<Protection>({ encrypt: diaryLocked, passphrase: '', confirm: '' })
  useEffect(() => setProtection((p) => ({ ...p, encrypt: diaryLocked })), [diaryLocked])
  const passphrase = protectionPassphrase(format, protection)

  const runExport = async () => {
    if (passphrase === 'invalid') return
    setBusy(true)
    setError(null)
    setExported(null)
    try {
      setExported(await haruApi().backup.export(format === 'md' && onlyThisProfile ? { format, profileId: profile.id } : { format, passphrase }))
      setProtection((p) => ({ ...p, passphrase: '', confirm: '' }))
    } catch (err) {
      setError({ action: t('backup.exportFailedShort'), error: err })
    } finally {
      setBusy(false)
    }
  }

  const reveal = async (path: string) => {
    setError(null)
    try {
      await haruApi().backup.reveal({ path })
    } catch (err) {
      setError({ action: t('backup.revealFailed'), error: err })
    }
  }

  return (
    <SettingsSection legend={t('backup.title')} testId="backup">
      <p className={ui.mutedSmall}>{t('backup.help')}</p>

      <div className={styles.block}>
        <h3>{t('backup.exportTitle')}</h3>
        <div className={styles.formats} role="radiogroup" aria-label={t('backup.format')}>
          {(['json', 'md'] as const).map((f) => (
            <label key={f} className={styles.choice}>
              <input type="radio" name="backup-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
              {t(f === 'json' ? 'backup.formatJson' : 'backup.formatMd')}
            </label>
          ))}
        </div>
        {format === 'md' && (
          <label className={styles.choice}>
            <input type="checkbox" checked={onlyThisProfile} onChange={(e) => setOnlyThisProfile(e.target.checked)} />
            {t('backup.onlyThisProfile', { name: profile.name })}
          </label>
        )}
        <BackupProtection format={format} value={protection} onChange={setProtection} diaryLocked={diaryLocked} />
        {info && (
          <p className={ui.mutedSmall}>
            {t('backup.folder')} <code className={styles.path}>{info.exportsDir}</code>
          </p>
        )}
        <div>
          <button type="button" className={ui.primary} disabled={busy || passphrase === 'invalid'} onClick={() => void runExport()}>
            {busy ? t('backup.exporting') : t('backup.export')}
          </button>
        </div>
        {exported && (
          <div role="status" className={cx(ui.notice, styles.result)} data-testid="backup-export-result" data-path={exported.path}>
            <p>
              {t('backup.exported', { size: formatSize(exported.bytes) })} <code className={styles.path}>{exported.path}</code>
            </p>
            <p className={ui.small}>
              {exported.format === 'json'
                ? t('backup.exportedCounts', {
                    profiles: exported.counts.profiles,
                    entries: exported.counts.entries,
                    memos: exported.counts.voiceMemos,
                    audio: exported.counts.audioFiles,
                    analyses: exported.counts.analyses
                  })
                : t('backup.exportedMd', { entries: exported.entries, files: exported.files.length })}
            </p>
            {exported.format === 'json' && exported.encrypted && <p className={ui.small}>{t('backup.exportedEncrypted')}</p>}
            {exported.format === 'json' && exported.missingAudio.length > 0 && <p className={cx(ui.small, ui.warn)}>{t('backup.missingAudio', { count: exported.missingAudio.length })}</p>}
            {info?.canReveal && (
              <button type="button" onClick={() => void reveal(exported.path)}>
                {t('backup.reveal')}
              </button>
            )}
          </div>
        )}
        {error && <ErrorNotice error={error.error} action={error.action} />}
      </div>

      <div className={styles.block}>
        <h3>{t('backup.importTitle')}</h3>
        <ImportBackup currentProfileId={profile.id} onImported={onImported} onShowEntries={onShowEntries} />
      </div>
    </SettingsSection>
  )
}

/**
 * Picks a `.zip` and imports it: the bytes go to the service as base64 (never a path). Shows
 * what was added and, per profile, where the new entries are, with a way to open them.
 */
export function ImportBackup({
  currentProfileId,
  onImported,
  onShowEntries
}: {
  currentProfileId?: number
  onImported?: (result: BackupImportResult) => void
  onShowEntries?: (p: Profile) => void
}) {
  const { t, formatDate } = useI18n()
  const info = useBackupInfo()
  const [busy, setBusy] = useState<string | null>(null)
  const [result, setResult] = useState<BackupImportResult | null>(null)
  /** A file too large to send (checked here), or the importer's refusal (its reason is in the error). */
  const [error, setError] = useState<{ tooLarge: string } | { name: string; error: unknown } | null>(null)
  /** An encrypted backup waiting for its passphrase, and what the last try said. */
  const [locked, setLocked] = useState<{ file: File; error: unknown } | null>(null)

  const importFile = async (file: File, passphrase?: string) => {
    setError(null)
    setResult(null)
    if (info && file.size > info.maxImportBytes) {
      setError({ tooLarge: t('backup.tooLarge', { name: file.name, mb: mbOf(info.maxImportBytes) }) })
      return
    }
    setBusy(file.name)
    try {
      const dataBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()))
      const r = await haruApi().backup.import({ fileName: file.name, dataBase64, passphrase })
      setLocked(null)
      setResult(r)
      onImported?.(r)
    } catch (err) {
      const reason = (err as { reason?: string }).reason
      if (reason === 'backup-encrypted' || (passphrase !== undefined && errorCode(err) === 'wrong-passphrase')) {
        setLocked({ file, error: passphrase === undefined ? null : err })
      } else {
        setLocked(null)
        setError({ name: file.name, error: err })
      }
    } finally {
      setBusy(null)
    }
  }

  const onPick = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0]
    e.target.value = '' // picking the same file again still imports (and reports "nothing new")
    if (file) void importFile(file)
  }

  const a = result?.added
  const nothingNew = a !== undefined && Object.values(a).every((n) => n === 0)

  return (
    <div className={cx(ui.stack, styles.import)}>
      <p className={ui.mutedSmall}>{t('backup.importHelp', { mb: mbOf(info?.maxImportBytes ?? 0) })}</p>
      <div>
        <label className={busy ? ui.fileButtonBusy : ui.fileButton}>
          {busy ? t('backup.importing', { name: busy }) : t('backup.chooseAny')}
          <input type="file" accept=".zip,.haru,application/zip" className={ui.visuallyHidden} disabled={busy !== null} onChange={onPick} data-testid="backup-import-input" />
        </label>
      </div>
      {locked && (
        <BackupPassphrasePrompt
          key={locked.file.name}
          fileName={locked.file.name}
          busy={busy !== null}
          error={locked.error}
          onSubmit={(passphrase) => void importFile(locked.file, passphrase)}
          onCancel={() => setLocked(null)}
        />
      )}
      {result && a && (
        <div role="status" className={cx(ui.notice, styles.result)} data-testid="backup-import-result">
          {nothingNew ? (
            <p>{t('backup.nothingNew', { name: result.fileName })}</p>
          ) : (
            <p>
              {t('backup.imported', {
                name: result.fileName,
                profiles: a.profiles,
                entries: a.entries,
                memos: a.voiceMemos,
                audio: a.audioFiles,
                analyses: a.analyses,
                tags: a.tags
              })}
            </p>
          )}
          {result.unchanged.entries > 0 && !nothingNew && <p className={ui.small}>{t('backup.alreadyPresent', { entries: result.unchanged.entries })}</p>}
          {result.profiles.length > 0 && (
            <>
              <p className={ui.small}>{t('backup.whereTitle')}</p>
              <ul className={styles.where}>
                {result.profiles.map((p) => (
                  <li key={p.profile.id} data-profile={p.profile.name}>
                    <span>
                      <strong>{p.profile.name}</strong>
                      {p.isNew && <span className={ui.mutedSmall}> · {t('backup.newProfile')}</span>}
                      {' · '}
                      {p.entriesAdded > 0 && p.firstDate && p.lastDate
                        ? t('backup.whereEntries', {
                            count: p.entriesAdded,
                            range: p.firstDate === p.lastDate ? formatDate(p.firstDate) : `${formatDate(p.firstDate)} – ${formatDate(p.lastDate)}`
                          })
                        : t('backup.whereNoEntries')}
                    </span>
                    {onShowEntries && (
                      <button type="button" onClick={() => onShowEntries(p.profile)}>
                        {p.profile.id === currentProfileId ? t('backup.showEntries') : t('backup.openProfile', { name: p.profile.name })}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {error && 'tooLarge' in error && (
        <p role="alert" className={styles.refused} data-testid="backup-import-error">
          {error.tooLarge}
        </p>
      )}
      {error && 'error' in error && (
        <ErrorNotice error={error.error} action={t('backup.refused', { name: error.name })} testId="backup-import-error" />
      )}
    </div>
  )
}

/** The profile picker's way back in: a new computer or a fresh data folder restores a backup before any profile exists. */
export function RestoreBackup({ onImported, onShowEntries }: { onImported?: (result: BackupImportResult) => void; onShowEntries?: (p: Profile) => void }) {
  const { t } = useI18n()
  return (
    <section className={styles.restore} aria-labelledby="restore-heading" data-testid="restore-backup">
      <h3 id="restore-heading">{t('backup.restoreTitle')}</h3>
      <ImportBackup onImported={onImported} onShowEntries={onShowEntries} />
    </section>
  )
}
