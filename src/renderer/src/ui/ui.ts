import styles from './ui.module.css'

/**
 * The few shared building blocks every page uses (button variants, cards, notes, form fields),
 * as CSS-module classes a component opts into by name: `className={ui.primary}`. Nothing here
 * styles an element it was not given to, so one component's CSS never restyles another.
 */
export const ui = styles

/** Joins the truthy class names. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ')
}
