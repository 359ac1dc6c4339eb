import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, resolveAppRequest } from './app-origin'
import { CONTENT_SECURITY_POLICY } from './csp'

/**
 * Serves the built renderer (out/renderer) as `app://haru/…`. Registered as privileged before the
 * app is ready (standard + secure: a real origin, a secure context for the microphone), handled
 * once it is. Which file a request may read is decided by `resolveAppRequest` (app-origin.ts,
 * tested on POSIX and Windows paths); every response carries the CSP header.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }])
}

export function handleAppProtocol(rendererRoot: string = join(__dirname, '../renderer')): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppRequest(request.url, rendererRoot)
    if (!file) return new Response('not found', { status: 404 })
    const res = await net.fetch(pathToFileURL(file).toString())
    const headers = new Headers(res.headers)
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(res.body, { status: res.status, headers })
  })
}
