import { lstatSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { CALIBRATION_DIR } from '../calibration/take-files'
import { MEMOS_DIR } from '../memos/memo-files'
import { RECORDINGS_DIR } from '../memos/recordings'

/**
 * What of a data folder holds diary content on disk besides the database, as turning encryption
 * on or off sees it: every regular file under `memos/`, `calibration/` and `recordings/`, and the
 * leftovers a crash can leave (temporary files, an interrupted import's staging folder), which are
 * removed rather than converted. Models, settings and exports are not diary content and stay as
 * they are (README "Privacy").
 */
export const AUDIO_ROOTS = [MEMOS_DIR, CALIBRATION_DIR, RECORDINGS_DIR] as const

export interface FolderContent {
  /** Whole files to seal or open (memos, takes), relative with '/'. */
  whole: string[]
  /** Recordings in progress: the PCM file and its metadata, by id. */
  recordings: { pcm: string; meta: string }[]
  /** Leftovers to delete: temporary files, metadata without audio is kept as recovery reads it. */
  leftovers: string[]
  /** Leftover folders to delete (an import's staging folder). */
  leftoverDirs: string[]
}

function walk(root: string, rel: string, out: string[]): void {
  let names: string[]
  try {
    names = readdirSync(join(root, rel))
  } catch {
    return
  }
  for (const name of names.sort()) {
    const child = rel ? `${rel}/${name}` : name
    const st = lstatSync(join(root, child))
    // Links are never followed out of the folder; Haru makes none.
    if (st.isDirectory()) walk(root, child, out)
    else if (st.isFile()) out.push(child)
  }
}

export function folderContent(dataDir: string): FolderContent {
  const content: FolderContent = { whole: [], recordings: [], leftovers: [], leftoverDirs: [] }
  for (const name of readdirSync(dataDir)) {
    if (/^\.import-[0-9a-f]+$/.test(name)) content.leftoverDirs.push(name)
  }
  const files: string[] = []
  for (const root of AUDIO_ROOTS) walk(dataDir, root, files)
  const present = new Set(files)
  for (const rel of files) {
    if (rel.endsWith('.tmp') || /^recordings\/import-[0-9a-f]+\.bin$/.test(rel)) content.leftovers.push(rel)
    else if (rel.startsWith(`${RECORDINGS_DIR}/`)) {
      const pcm = /^recordings\/([0-9a-f]{32})\.pcm$/.exec(rel)
      const meta = /^recordings\/([0-9a-f]{32})\.json$/.exec(rel)
      if (pcm) {
        const metaRel = `${RECORDINGS_DIR}/${pcm[1]}.json`
        // Audio without metadata is a crashed begin's stray file: swept by recovery, removed here.
        if (present.has(metaRel)) content.recordings.push({ pcm: rel, meta: metaRel })
        else content.leftovers.push(rel)
      } else if (!meta) content.whole.push(rel)
      // A lone metadata file (an interrupted discard) holds no audio: left for recovery.
    } else content.whole.push(rel)
  }
  return content
}
