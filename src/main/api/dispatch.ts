import { z } from 'zod'
import { apiContract, channels, type ApiHandlers, type Domain } from '../../shared/api/contract'
import { HaruApiError, type ApiResult } from '../../shared/api/errors'
import { exportErrorToApi } from '../export/api-error'
import { ExportError } from '../export/errors'
import { fileProblem } from '../files/fs-errors'

export type Dispatch = (channel: string, payload: unknown) => Promise<ApiResult<unknown>>

/**
 * The boundary every transport goes through: resolve the channel, validate the payload against
 * the contract, run the handler, and turn any failure into a typed error object. Nothing reaches
 * a handler unvalidated, and nothing but `ApiResult` leaves.
 */
export function createDispatcher<Ctx>(handlers: Partial<ApiHandlers<Ctx>>, ctx: Ctx, log: (msg: string, err: unknown) => void = logToStderr): Dispatch {
  return async (channel, payload) => {
    try {
      const target = channels.get(channel)
      // A dispatcher over some domains only (the lock's, while the diary is locked) knows no others.
      if (!target || !handlers[target.domain]) throw new HaruApiError('unknown-channel', `unknown API channel "${String(channel).slice(0, 80)}"`)
      const method = (apiContract[target.domain] as Record<string, { input: z.ZodType }>)[target.verb]!
      const parsed = method.input.safeParse(payload)
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
        throw new HaruApiError('invalid-input', `invalid ${channel} request: ${issues.map(formatIssue).join('; ')}`, issues)
      }
      const domainHandlers = handlers[target.domain as Domain] as Record<string, (input: unknown, ctx: Ctx) => unknown>
      const data = await domainHandlers[target.verb]!(parsed.data, ctx)
      return { ok: true, data }
    } catch (err) {
      const apiError = toApiError(err)
      if (apiError.code === 'internal' || apiError.code === 'storage') log(`[haru] ${channel} failed`, err)
      return { ok: false, error: apiError.toData() }
    }
  }
}

const formatIssue = (i: { path: string; message: string }): string => (i.path ? `${i.path}: ${i.message}` : i.message)

/** Maps SQLite's failures to codes the UI can explain; a full disk must never read as a bug. */
export function toApiError(err: unknown): HaruApiError {
  if (err instanceof HaruApiError) return err
  // A refused export or import (foreign, damaged or newer file, conflict): the reason travels as a typed issue.
  if (err instanceof ExportError) return exportErrorToApi(err)
  const code = (err as { code?: unknown })?.code
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    if (code === 'SQLITE_FULL') {
      return new HaruApiError('storage-full', 'the disk is full; your text is kept on screen, free some space and it will save')
    }
    if (code.startsWith('SQLITE_CONSTRAINT')) return new HaruApiError('conflict', `the change conflicts with stored data (${code})`)
    return new HaruApiError('storage', `the diary database reported ${code}: ${(err as Error).message}`)
  }
  if ((err as Error)?.name === 'AnalysisError') {
    // The analysis process is gone or stuck: try again later. Anything else it reports is about the input.
    const unavailable = ['crashed', 'timeout', 'unresponsive', 'start-timeout', 'start-failed', 'closed', 'protocol'].includes(code as string)
    if (unavailable) return HaruApiError.because('unavailable', (err as Error).message, 'analysis-stopped')
    // A file it could not read: the same typed code as in main (the message is already a sentence).
    const problem = fileProblem(err)
    if (problem) return new HaruApiError(problem.code === 'not-found' ? 'invalid-input' : problem.code, (err as Error).message)
    return new HaruApiError('invalid-input', (err as Error).message)
  }
  // EISDIR, ENAMETOOLONG, EINVAL, a full disk, …: a sentence and a typed code, never Node's raw text.
  const problem = fileProblem(err)
  if (problem) return new HaruApiError(problem.code, problem.message)
  return new HaruApiError('internal', err instanceof Error ? err.message : String(err))
}

function logToStderr(msg: string, err: unknown): void {
  console.error(msg, err)
}
