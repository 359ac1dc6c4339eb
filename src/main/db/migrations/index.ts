import initial from './0001_initial'

export interface Migration {
  /** Strictly increasing from 1 with no gaps. */
  version: number
  name: string
  sql: string
}

/** Every migration the code knows, in order. Append only. */
export const migrations: readonly Migration[] = [{ version: 1, name: 'initial', sql: initial }]
