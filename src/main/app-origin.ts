import * as nodePath from 'node:path'

/**
 * The app's own origin, with no Electron import, so every rule here runs (and is tested) in plain
 * Node. The renderer is served from a privileged custom protocol, `app://haru/`, registered at
 * startup, instead of `file://`: the IPC sender check, the navigation guards and the microphone
 * grant all ask "is this the app's own page?", and for `file://` that used to be a path-prefix
 * test that never matched on Windows (`file:///C:/…` against `C:\…`) and, lacking a separator,
 * also matched `app.asarEVIL/…` and a sibling folder `haru-evil/`. An origin is compared exactly.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'haru'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * `standard`: parsed like http (relative URLs, a real origin for CSP `'self'`); `secure`: a secure
 * context like https (getUserMedia needs one); `supportFetchAPI` and `stream` for the worklet and media.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } as const

/**
 * True only for a URL (or an origin such as a permission request's `app://haru`) of the app's own
 * page: exactly `app://haru` with no port or credentials, or, in development, exactly the dev
 * server's origin. Anything unparsable is false.
 */
export function isAppUrl(url: string, devOrigin: string | null = null): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (devOrigin !== null) return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === devOrigin
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === ''
}

type PathApi = Pick<typeof nodePath.posix, 'join' | 'relative' | 'isAbsolute' | 'sep'>

/**
 * The file inside `rendererRoot` an `app://haru/…` request names, or null for anything else: another
 * origin, malformed %-encoding, a NUL, a backslash or a drive letter (separators on Windows), a `.`
 * or `..` segment, or a path that would leave the folder. `path` is node's path module for the
 * platform (pass `path.win32` to check Windows behaviour anywhere).
 */
export function resolveAppRequest(url: string, rendererRoot: string, path: PathApi = nodePath): string | null {
  if (!isAppUrl(url)) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(url).pathname)
  } catch {
    return null
  }
  const segments = pathname.split('/').filter((s) => s !== '')
  if (segments.length === 0) segments.push('index.html')
  if (segments.some((s) => s === '.' || s === '..' || /[\0\\:]/.test(s))) return null
  const file = path.join(rendererRoot, ...segments)
  const rel = path.relative(rendererRoot, file)
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null
  return file
}

/** Hosts whose https pages a link in the app may open in the system browser; everything else is refused. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['huggingface.co']

/** A link the app may hand to the system browser: https, an allow-listed host exactly, no credentials or port. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' && u.port === '' && u.username === '' && u.password === '' && EXTERNAL_LINK_HOSTS.includes(u.hostname)
  } catch {
    return false
  }
}
