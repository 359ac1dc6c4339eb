import { afterEach, beforeEach } from 'vitest'
import { openHaruService, type HaruService, type HaruServiceOptions } from '../../src/main/api/service'
import { createHaruApi } from '../../src/shared/api/client'
import { makeTempDir } from './temp-dir'

export interface TestService {
  /** The test's own temporary data folder. */
  readonly dir: string
  readonly service: HaruService
  /** The typed API over the service's dispatcher, as the renderer and CLI get it. */
  readonly api: ReturnType<typeof createHaruApi>
}

/**
 * A real Haru service (SQLite file, analysis process on demand) on a fresh temporary data folder for
 * every test of the calling file, closed and removed after each. Read its fields inside tests.
 */
export function useTestService(opts: Pick<HaruServiceOptions, 'backgroundAnalysis'> = {}): TestService {
  let current: { tmp: ReturnType<typeof makeTempDir>; service: HaruService; api: ReturnType<typeof createHaruApi> } | null = null
  beforeEach(() => {
    const tmp = makeTempDir()
    const service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web', ...opts })
    current = { tmp, service, api: createHaruApi(service.dispatch) }
  })
  afterEach(() => {
    current?.service.close()
    current?.tmp.cleanup()
    current = null
  })
  const live = () => {
    if (!current) throw new Error('useTestService: read it inside a test')
    return current
  }
  return {
    get dir() {
      return live().tmp.dir
    },
    get service() {
      return live().service
    },
    get api() {
      return live().api
    }
  }
}
