/** The UI's strings: Korean first (the source), English second, with the same keys. */
export { ko, type MessageKey } from './ko'
export { en } from './en'
