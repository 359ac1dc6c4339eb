import { app, session, shell, type BrowserWindow, type WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from './csp'

/**
 * Every security rule of the desktop app in one place: the window's web preferences, the
 * Content-Security-Policy, navigation and new-window guards, and the permission handler.
 */

export const secureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  spellcheck: false
} as const


/** True when `url` is the app's own page: the packaged file or, in development, the dev server. */
export function isAppUrl(url: string, appOrigin: string | null): boolean {
  try {
    const u = new URL(url)
    if (appOrigin) return u.origin === appOrigin
    return u.protocol === 'file:' && decodeURIComponent(u.pathname).startsWith(app.getAppPath().replace(/\\/g, '/'))
  } catch {
    return false
  }
}

/** Only the microphone (`media` with audio only), only for the app's own page; everything else is denied. */
export function installPermissionHandlers(appOrigin: string | null): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const mediaTypes = (details as { mediaTypes?: string[] }).mediaTypes ?? []
    const audioOnly = mediaTypes.length > 0 && mediaTypes.every((t) => t === 'audio')
    callback(permission === 'media' && audioOnly && isAppUrl(webContents.getURL(), appOrigin))
  })
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => {
    if (permission !== 'media') return false
    return isAppUrl(requestingOrigin, appOrigin) || (appOrigin === null && requestingOrigin === 'file://')
  })
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
}

/** No navigation away from the app and no new windows; links to the web open in the browser. */
export function guardNavigation(win: BrowserWindow, appOrigin: string | null): void {
  const contents: WebContents = win.webContents
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

/** Applied to every web contents ever created, not just our window, as Electron's checklist asks. */
export function hardenAllWebContents(appOrigin: string | null): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, appOrigin)) event.preventDefault()
    })
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
}
