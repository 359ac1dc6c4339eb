import { HaruApiError } from '../shared/api/errors'
import { fileProblem } from '../main/files/fs-errors'
import { readRegularFile } from '../main/files/regular-file'

/**
 * A file named on the command line: a regular file (a link to one is fine; a folder, a device
 * such as /dev/zero or a named pipe is refused without reading or waiting), at most `maxBytes`.
 * Refusals are typed API errors whose message names the file, never Node's raw `EISDIR: …`.
 */
export async function readCliFile(path: string, maxBytes: number, consequence?: string): Promise<Buffer> {
  try {
    return await readRegularFile(path, { maxBytes })
  } catch (err) {
    const problem = fileProblem(err)
    if (!problem) throw err
    const message =
      problem.code === 'unusable-file' ? problem.message : problem.code === 'not-found' ? `cannot read ${path}: it does not exist (moved or deleted?)` : `cannot read ${path}: ${problem.message}`
    throw new HaruApiError(problem.code, consequence ? `${message}; ${consequence}` : message)
  }
}
