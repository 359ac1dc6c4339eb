import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { localIsoDate } from '../../src/shared/dates'
import { openApp, type AppUnderTest } from './browser'

const apps: AppUnderTest[] = []
afterAll(async () => {
  for (const app of apps) await app.close()
})

const today = localIsoDate()
const TEXT = '백업 테스트: 오늘은 한강에서 산책을 했다. 바람이 시원했다! 🌿'
const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true })
const count = (app: AppUnderTest, table: string) => (app.harness.service.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

describe('backup from the UI in Chromium', () => {
  it('exports from Settings and brings everything back into a fresh diary', async () => {
    // The source diary: a profile and one entry, written through the UI.
    const source = await openApp()
    apps.push(source)
    const page = source.page
    await page.getByLabel('이름').fill('지민')
    await page.getByRole('button', { name: '프로필 만들기' }).click()
    await page.getByTestId('current-profile').waitFor()
    await page.getByRole('textbox', { name: /일기$/ }).click()
    await page.keyboard.insertText(TEXT)
    await page.waitForSelector('[data-testid="save-status"][data-status="saved"]', { timeout: 10_000 })

    await nav(page, '설정').click()
    const backup = page.getByTestId('backup')
    await expect.poll(() => backup.textContent()).toContain(join(source.dataDir, 'exports'))
    await backup.getByRole('button', { name: '내보내기', exact: true }).click()
    const exported = page.getByTestId('backup-export-result')
    await exported.waitFor()
    const path = (await exported.getAttribute('data-path'))!
    expect(path.startsWith(join(source.dataDir, 'exports') + '/')).toBe(true)
    expect(path).toMatch(/haru-backup-[\d-]+\.zip$/)
    expect(existsSync(path) && statSync(path).size).toBeGreaterThan(0)
    expect(await exported.textContent()).toContain(path)
    expect(await exported.textContent()).toContain('일기 1편')
    // No file manager in the browser harness: the path is shown, no "show in folder" button.
    expect(await exported.getByRole('button', { name: '폴더에서 보기' }).count()).toBe(0)

    // A second app on an empty data folder: restore from the profile picker.
    const fresh = await openApp()
    apps.push(fresh)
    const p2 = fresh.page
    const restore = p2.getByTestId('restore-backup')
    await restore.waitFor()
    const input = restore.getByTestId('backup-import-input')

    // A file that is not a backup is refused with a message, and nothing is written.
    await input.setInputFiles({ name: 'notes.zip', mimeType: 'application/zip', buffer: Buffer.from('그냥 메모장 파일입니다') })
    const refused = restore.getByTestId('backup-import-error')
    await refused.waitFor()
    expect(await refused.textContent()).toMatch(/notes\.zip을\(를\) 가져오지 않았어요.*Haru 백업 파일이 아니에요/)
    expect(count(fresh, 'profiles')).toBe(0)

    await input.setInputFiles(path)
    const imported = restore.getByTestId('backup-import-result')
    await imported.waitFor()
    expect(await imported.textContent()).toMatch(/프로필 1개, 일기 1편/)
    expect(await imported.locator('[data-profile="지민"]').textContent()).toContain('새 프로필')
    // The picker lists the restored profile at once.
    await p2.getByTestId('profile-list').getByRole('button', { name: /지민/ }).waitFor()
    expect(await refused.count()).toBe(0)

    // "Open 지민's History": the imported entry is there.
    await imported.getByRole('button', { name: '지민님의 기록 열기' }).click()
    expect(await p2.getByTestId('current-profile').textContent()).toBe('지민님의 일기')
    await p2.getByRole('heading', { name: '지난 기록' }).waitFor()
    const item = p2.locator(`[data-testid="history-month"] li[data-date="${today}"]`)
    await item.waitFor()
    expect(await item.textContent()).toContain('백업 테스트')
    expect((fresh.harness.service.db.prepare('SELECT text FROM entries').get() as { text: string }).text).toBe(TEXT)

    // Settings imports too; the same file a second time adds nothing.
    await nav(p2, '설정').click()
    await p2.getByTestId('backup').getByTestId('backup-import-input').setInputFiles(path)
    const again = p2.getByTestId('backup').getByTestId('backup-import-result')
    await again.waitFor()
    expect(await again.textContent()).toContain('모두 이미 일기에 있어요')
    expect(count(fresh, 'entries')).toBe(1)
  })
})
