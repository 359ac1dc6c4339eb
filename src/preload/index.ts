import { contextBridge, ipcRenderer } from 'electron'
import { createHaruApi } from '../shared/api/client'
import type { ApiResult } from '../shared/api/errors'

// The renderer gets exactly the typed API object, never ipcRenderer or a generic invoke.
const haru = createHaruApi((channel, input) => ipcRenderer.invoke(channel, input) as Promise<ApiResult<unknown>>)

contextBridge.exposeInMainWorld('haru', haru)
