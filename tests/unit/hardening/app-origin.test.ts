/**
 * Defects 8 and 9 of issue 13, the parts that decide trust: which URL is the app's own page (IPC
 * sender check, navigation guards, microphone grant), which file an `app://haru/` request may
 * read, on POSIX and Windows paths, and which links may leave the app. Electron cannot launch
 * here, so these rules live in src/main/app-origin.ts, free of Electron, and are tested directly.
 * The old rule (`file:` URL whose path starts with the app folder) failed three ways, checked
 * against it before it was replaced: the Windows page `file:///C:/…` never matched `C:\…`, and
 * `…/app.asarEVIL/…` and a sibling folder `haru-evil/` did.
 */
import { posix, win32 } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, isAllowedExternalUrl, isAppUrl, resolveAppRequest } from '../../../src/main/app-origin'

describe('isAppUrl: the app’s own page, matched by exact origin', () => {
  it('accepts the app page and its origin as permission requests give it', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true)
    expect(isAppUrl('app://haru/assets/index-abc.js')).toBe(true)
    expect(isAppUrl('app://haru')).toBe(true)
    expect(isAppUrl('app://haru/')).toBe(true)
  })

  it('refuses look-alikes, other schemes and the old file:// pages on every platform', () => {
    for (const url of [
      'app://haru.evil/index.html',
      'app://haruevil/',
      'app://evil/haru/',
      'app://haru:8080/',
      'app://user@haru/',
      'app://user:pw@haru/',
      'apps://haru/',
      'http://haru/',
      'file:///opt/Haru/resources/app.asar/out/renderer/index.html',
      'file:///opt/Haru/resources/app.asarEVIL/index.html',
      'file:///home/u/haru-evil/index.html',
      'file:///C:/Program%20Files/Haru/resources/app.asar/out/renderer/index.html',
      'file://',
      'about:blank',
      'data:text/html,<h1>x</h1>',
      'javascript:alert(1)',
      '',
      'not a url'
    ]) {
      expect(isAppUrl(url), url).toBe(false)
    }
  })

  it('in development, only the dev server’s exact origin', () => {
    const dev = 'http://localhost:5173'
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true)
    expect(isAppUrl('http://localhost:51730/', dev)).toBe(false)
    expect(isAppUrl('http://localhost.evil:5173/', dev)).toBe(false)
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false)
    expect(isAppUrl('app://haru/', dev)).toBe(false)
  })
})

describe('resolveAppRequest: which file an app:// request may read', () => {
  const cases = [
    { name: 'POSIX', path: posix, root: '/opt/Haru/resources/app.asar/out/renderer' },
    { name: 'Windows', path: win32, root: 'C:\\Program Files\\Haru\\resources\\app.asar\\out\\renderer' }
  ] as const

  for (const { name, path, root } of cases) {
    it(`serves files inside the renderer folder (${name})`, () => {
      expect(resolveAppRequest('app://haru/', root, path)).toBe(path.join(root, 'index.html'))
      expect(resolveAppRequest(APP_ENTRY_URL, root, path)).toBe(path.join(root, 'index.html'))
      expect(resolveAppRequest('app://haru/assets/index-abc.js', root, path)).toBe(path.join(root, 'assets', 'index-abc.js'))
      expect(resolveAppRequest('app://haru/assets/%ED%95%98%EB%A3%A8.svg?v=1#x', root, path)).toBe(path.join(root, 'assets', '하루.svg'))
    })

    it(`refuses every way out of it (${name})`, () => {
      // Dot segments, plain or %-encoded, are folded by the URL parser (as Chromium does) at the root: still inside.
      for (const url of ['app://haru/../secret.txt', 'app://haru/%2e%2e/secret.txt', 'app://haru/assets/%2E%2E/%2E%2E/secret.txt']) {
        expect(resolveAppRequest(url, root, path), url).toBe(path.join(root, 'secret.txt'))
      }
      // Whatever survives parsing and would leave the folder after decoding is refused.
      for (const url of [
        'app://haru/..%2f..%2fsecret.txt',
        'app://haru/..%5c..%5cwindows%5cwin.ini',
        'app://haru/%5c%5cserver%5cshare',
        'app://haru/C:%5cWindows%5cwin.ini',
        'app://haru/C:/Windows/win.ini',
        'app://haru/assets/%00.js',
        'app://haru/%E0%A4%A',
        'app://evil/index.html',
        'file:///etc/passwd'
      ]) {
        expect(resolveAppRequest(url, root, path), url).toBeNull()
      }
    })
  }
})

describe('isAllowedExternalUrl: links that may open in the system browser', () => {
  it('only https on an allow-listed host, exactly', () => {
    expect(isAllowedExternalUrl('https://huggingface.co/openai/whisper-base')).toBe(true)
    for (const url of [
      'http://huggingface.co/',
      'https://huggingface.co.evil.example/',
      'https://evil.example/?huggingface.co',
      'https://user@huggingface.co/',
      'https://huggingface.co:8443/',
      'https://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share'
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false)
    }
  })
})
