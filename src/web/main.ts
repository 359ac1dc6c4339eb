import { resolveDataDir } from '../main/data-dir'
import { startWebHarness } from './server'

/** `npm run web`: serve the built renderer with the real API on a random loopback port. */
const port = process.env.HARU_WEB_PORT ? Number(process.env.HARU_WEB_PORT) : 0
// HARU_NO_WARM_START=1 starts the analysis process on first use instead (the benchmark's baseline).
const harness = await startWebHarness({ dataDir: resolveDataDir(), port, warmStart: process.env.HARU_NO_WARM_START !== '1' })
console.log(`Haru browser harness (data: ${harness.service.dataDir})`)
console.log(`Open: ${harness.loginUrl}`)
const stop = () => void harness.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
