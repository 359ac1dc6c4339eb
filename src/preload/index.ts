import { contextBridge, ipcRenderer } from 'electron'
import { createHaruApi } from '../shared/api/client'
import { toBridgeError } from '../shared/api/bridge-errors'
import type { ApiResult } from '../shared/api/errors'

// The renderer gets exactly the typed API object, never ipcRenderer or a generic invoke. Errors are
// packed into their message, the only part of an Error contextBridge carries (renderer api.ts unpacks).
const haru = createHaruApi((channel, input) => ipcRenderer.invoke(channel, input) as Promise<ApiResult<unknown>>, toBridgeError)

contextBridge.exposeInMainWorld('haru', haru)
