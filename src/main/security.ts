import { app, session, shell, type BrowserWindow, type WebContents } from 'electron'
import { isAllowedExternalUrl, isAppUrl } from './app-origin'
import { CONTENT_SECURITY_POLICY } from './csp'

/**
 * Every security rule of the desktop app in one place: the window's web preferences, the
 * Content-Security-Policy, navigation and new-window guards, and the permission handler. Which
 * URL is the app's own page is decided by app-origin.ts (exact `app://haru` origin, or the dev
 * server's in development), which runs and is tested without Electron.
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

export { isAppUrl } from './app-origin'

/** Only the microphone (`media` with audio only), only for the app's own page; everything else is denied. */
export function installPermissionHandlers(devOrigin: string | null): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const mediaTypes = (details as { mediaTypes?: string[] }).mediaTypes ?? []
    const audioOnly = mediaTypes.length > 0 && mediaTypes.every((t) => t === 'audio')
    // Both the frame that asks and the page it is in must be the app's own.
    const own = isAppUrl(details.requestingUrl, devOrigin) && isAppUrl(webContents.getURL(), devOrigin)
    callback(permission === 'media' && audioOnly && own)
  })
  // No `file://` exception any more: the app is never served from file://.
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => permission === 'media' && isAppUrl(requestingOrigin, devOrigin))
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
}

/** A link the page tries to open in a new window: the system browser for allow-listed https hosts, nothing else. */
function openOutside(url: string): { action: 'deny' } {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url)
  return { action: 'deny' }
}

/** Navigation, redirects and frame navigations must stay on the app's own page; webviews are never attached. */
function guardContents(contents: WebContents, devOrigin: string | null): void {
  const stay = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, devOrigin)) event.preventDefault()
  }
  contents.on('will-navigate', (event, url) => stay(event, url))
  contents.on('will-redirect', (event, url) => stay(event, url))
  contents.on('will-frame-navigate', (event) => stay(event, event.url))
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => openOutside(url))
}

/** No navigation away from the app and no new windows; allow-listed links open in the browser. */
export function guardNavigation(win: BrowserWindow, devOrigin: string | null): void {
  guardContents(win.webContents, devOrigin)
}

/** Applied to every web contents ever created, not just our window, as Electron's checklist asks. */
export function hardenAllWebContents(devOrigin: string | null): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, devOrigin))
}
