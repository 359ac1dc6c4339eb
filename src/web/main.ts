import { resolveDataDir } from '../main/data-dir'
import { startWebHarness } from './server'

/** `npm run web`: serve the built renderer with the real API on a random loopback port. */
const port = process.env.HARU_WEB_PORT ? Number(process.env.HARU_WEB_PORT) : 0
const harness = await startWebHarness({ dataDir: resolveDataDir(), port })
console.log(`Haru browser harness (data: ${harness.service.dataDir})`)
console.log(`Open: ${harness.loginUrl}`)
const stop = () => void harness.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
