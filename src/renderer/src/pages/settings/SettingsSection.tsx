import type { ReactNode } from 'react'
import { cx, ui } from '../../ui/ui'
import styles from './SettingsSection.module.css'

/** One Settings section: a card with its legend, so its controls (and their messages) sit together. */
export function SettingsSection({ legend, testId, children }: { legend: string; testId?: string; children: ReactNode }) {
  return (
    <fieldset className={cx(ui.field, styles.section)} data-testid={testId}>
      <legend className={styles.legend}>{legend}</legend>
      {children}
    </fieldset>
  )
}

/** A row in a section's list (a model, a pack): its text, then its action, kept off the row's edges. */
export function SettingsRow({ children, action, model }: { children: ReactNode; action?: ReactNode; model?: string }) {
  return (
    <li className={styles.row} data-model={model}>
      <div className={styles.rowText}>{children}</div>
      {action}
    </li>
  )
}

/** The list that holds rows. */
export function SettingsRows({ children, ...aria }: { children: ReactNode; role?: string; 'aria-label'?: string }) {
  return (
    <ul className={styles.rows} {...aria}>
      {children}
    </ul>
  )
}
