#!/usr/bin/env node
// Makes sure the native SQLite addon (better-sqlite3-multiple-ciphers: better-sqlite3 with the
// SQLite3 Multiple Ciphers encryption codec) matches the runtime about to load it:
// Node's ABI for tests, the CLI and the harness; Electron's ABI for `npm start`.
// Each build is kept in node_modules/.haru-native/<runtime>-<abi>/ so switching back is a copy, not a recompile.
// onnxruntime-node is N-API and serves both runtimes unchanged.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const target = process.argv[2]
const quiet = process.argv.includes('--quiet')
if (target !== 'node' && target !== 'electron') {
  console.error('usage: ensure-native.mjs node|electron [--quiet]')
  process.exit(2)
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const PACKAGE = 'better-sqlite3-multiple-ciphers'
const pkgDir = dirname(require.resolve(`${PACKAGE}/package.json`))
const addon = join(pkgDir, 'build', 'Release', 'better_sqlite3.node')
const log = (msg) => quiet || console.log(`[ensure-native] ${msg}`)

const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
const abi = target === 'node' ? process.versions.modules : readFileSync(join(dirname(require.resolve('electron/package.json')), 'abi_version'), 'utf8').trim()
// The package name is part of the cache path: a build of plain better-sqlite3 cached by an older checkout is never restored.
const cacheDir = join(root, 'node_modules', '.haru-native', PACKAGE, `${target}-${abi}`)
const cached = join(cacheDir, 'better_sqlite3.node')

/** Node can check its own ABI by loading the addon; Electron's cannot be loaded here, so a stamp records it. */
function nodeCanLoad() {
  const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(pkgDir)})(':memory:').close()`], { encoding: 'utf8' })
  return probe.status === 0
}
const stampFile = join(pkgDir, 'build', 'haru-runtime.txt')
const stamp = () => (existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '')
const want = `${target}-${abi}`
const isReady = () => existsSync(addon) && (target === 'node' ? nodeCanLoad() : stamp() === want)

function remember() {
  writeFileSync(stampFile, want)
  mkdirSync(cacheDir, { recursive: true })
  copyFileSync(addon, cached)
}

if (isReady()) {
  if (!existsSync(cached)) remember()
  log(`${PACKAGE} is built for ${want}`)
  process.exit(0)
}
if (existsSync(cached)) {
  copyFileSync(cached, addon)
  writeFileSync(stampFile, want)
  if (isReady()) {
    log(`restored the cached ${want} build of ${PACKAGE}`)
    process.exit(0)
  }
}

log(`building ${PACKAGE} for ${want} (it compiles SQLite with its ciphers: a few minutes, once)…`)
const env = { ...process.env }
if (target === 'electron') {
  // node-gyp reads these as npm config: build against Electron's headers instead of Node's.
  Object.assign(env, {
    npm_config_runtime: 'electron',
    npm_config_target: electronVersion,
    npm_config_disturl: 'https://electronjs.org/headers',
    npm_config_build_from_source: 'true',
    // A machine-wide `nodedir` (Debian's Node headers) would silently win over Electron's headers.
    npm_config_nodedir: ''
  })
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const build = spawnSync(npm, ['rebuild', PACKAGE, '--foreground-scripts'], { cwd: root, env, stdio: quiet ? 'ignore' : 'inherit' })
if (build.status !== 0 || !existsSync(addon)) {
  console.error(`[ensure-native] could not build ${PACKAGE} for ${want}; see the output above`)
  process.exit(1)
}
if (target === 'node' && !nodeCanLoad()) {
  console.error(`[ensure-native] ${PACKAGE} was rebuilt but Node still cannot load it`)
  process.exit(1)
}
// An addon built for Electron's ABI cannot load in Node; if it can, the build used Node's headers.
if (target === 'electron' && nodeCanLoad()) {
  console.error(
    "[ensure-native] the rebuild produced a Node-ABI addon, not an Electron one (Electron's headers could not be used; " +
      'they are downloaded from electronjs.org on first build). Restoring the Node build.'
  )
  spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'node', '--quiet'], { stdio: 'inherit' })
  process.exit(1)
}
remember()
log(`${PACKAGE} is built for ${want} (cached in ${cacheDir})`)
