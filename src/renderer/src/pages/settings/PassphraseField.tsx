import { ui } from '../../ui/ui'

/** A passphrase input with its label (never autofilled from elsewhere: `new-password` for new ones). */
export function PassphraseField({
  label,
  value,
  onChange,
  isNew,
  testId
}: {
  label: string
  value: string
  onChange: (value: string) => void
  isNew?: boolean
  testId?: string
}) {
  return (
    <label className={ui.field}>
      <span>{label}</span>
      <input
        className={ui.input}
        type="password"
        autoComplete={isNew ? 'new-password' : 'current-password'}
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </label>
  )
}

/** Why a new passphrase and its confirmation cannot be used yet (null: they can). */
export function newPassphraseProblem(passphrase: string, confirm: string, min: number): 'tooShort' | 'mismatch' | null {
  if ([...passphrase.normalize('NFC')].length < min) return 'tooShort'
  if (passphrase !== confirm) return 'mismatch'
  return null
}
