import { ipcMain } from 'electron'
import { channels } from '../shared/api/contract'
import { HaruApiError } from '../shared/api/errors'
import type { Dispatch } from './api/dispatch'

/**
 * Registers one `ipcMain.handle` per contract channel. A request from any frame other than the
 * app's own page is refused before its payload is even looked at.
 */
export function registerIpcHandlers(dispatch: Dispatch, isTrustedSender: (url: string) => boolean): void {
  for (const channel of channels.keys()) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      const url = event.senderFrame?.url ?? ''
      if (!isTrustedSender(url)) {
        return { ok: false, error: new HaruApiError('unavailable', 'request from an untrusted page').toData() }
      }
      return dispatch(channel, payload)
    })
  }
}
