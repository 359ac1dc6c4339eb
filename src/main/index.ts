import { join } from 'node:path'
import { app, BrowserWindow, dialog, shell } from 'electron'
import { spawnElectronWorker } from './analysis/spawn-electron'
import { openHaruService, type HaruService } from './api/service'
import { resolveDataDir } from './data-dir'
import { registerIpcHandlers } from './ipc'
import { lockOnSystemEvents } from './lock/electron-lock'
import { safeStorageKeeper } from './lock/safe-storage-keeper'
import { APP_ENTRY_URL, isAppUrl } from './app-origin'
import { handleAppProtocol, registerAppScheme } from './app-protocol'
import { guardNavigation, hardenAllWebContents, installPermissionHandlers, secureWebPreferences } from './security'

// HARU_DATA_DIR lets tests and the CLI point the app at another diary; by default it is userData.
const dataDir = process.env.HARU_DATA_DIR ? resolveDataDir() : app.getPath('userData')
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
/** In development the page comes from electron-vite's dev server; otherwise from `app://haru/` (app-protocol.ts). */
const devOrigin = devServerUrl ? new URL(devServerUrl).origin : null

/**
 * Backups from Settings go where people look for their files: Documents/Haru exports. A diary opened
 * with HARU_DATA_DIR (tests, a second diary) keeps its exports beside it (`<data dir>/exports`).
 */
function exportsDir(): string | undefined {
  if (process.env.HARU_DATA_DIR) return undefined
  try {
    return join(app.getPath('documents'), 'Haru exports')
  } catch {
    return undefined // no Documents folder on this system: `<data dir>/exports`
  }
}

let service: HaruService | null = null

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: '하루 Haru',
    backgroundColor: '#f6f3ee',
    autoHideMenuBar: true,
    webPreferences: { ...secureWebPreferences, preload: join(__dirname, '../preload/index.cjs') }
  })
  guardNavigation(win, devOrigin)
  win.once('ready-to-show', () => {
    win.show()
    // Warm start once the window is on screen, so it never competes with the first paint.
    setImmediate(() => void service?.warmUp().catch((err: Error) => console.warn(`[haru] warm start: ${err.message}`)))
  })
  void win.loadURL(devServerUrl ?? APP_ENTRY_URL)
  return win
}

// One running copy per diary, so two processes never write the same database.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows()
    if (win) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })

  hardenAllWebContents(devOrigin)
  // Before `ready`: a scheme's privileges can only be set then.
  registerAppScheme()

  void app.whenReady().then(() => {
    try {
      service = openHaruService({
        dataDir,
        appVersion: app.getVersion(),
        transport: 'electron',
        spawnAnalysis: spawnElectronWorker(),
        // Past records without a current analysis are analysed in the background from the start.
        backgroundAnalysis: true,
        resourcesDir: app.isPackaged ? process.resourcesPath : undefined,
        exportsDir: exportsDir(),
        // Only reached after backup.reveal has checked the path lies inside the exports folder.
        revealInFolder: (path) => shell.showItemInFolder(path),
        // "Remember on this computer" keeps the key in the OS keychain (off unless the writer turns it on).
        keeper: safeStorageKeeper
      })
    } catch (err) {
      dialog.showErrorBox('하루를 열 수 없어요 / Haru cannot open its diary', `${dataDir}\n\n${(err as Error).message}`)
      app.quit()
      return
    }
    lockOnSystemEvents(service.lock)
    handleAppProtocol()
    installPermissionHandlers(devOrigin)
    registerIpcHandlers(service.dispatch, (url) => isAppUrl(url, devOrigin))
    createWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app.on('will-quit', () => {
    service?.close()
    service = null
  })
}
