/**
 * The analysis process as it started before this round, for the same-run baseline of
 * bench/analysis-footprint.ts: the text engine then tokenized through `@huggingface/transformers`,
 * so its first text analysis imported that whole library and loaded the pack's tokenizer with
 * AutoTokenizer. This entry pays exactly that (up front, before the handshake) and then serves as
 * the current worker; spawn → first text result covers the same work either way.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const tokenizerDir = fileURLToPath(new URL('../resources/models/text-default/tokenizer', import.meta.url))
const { AutoTokenizer, env } = await import('@huggingface/transformers')
env.allowRemoteModels = false
env.allowLocalModels = true
env.localModelPath = tokenizerDir
env.useFSCache = false
// Kept alive as the old engine kept its tokenizer.
;(globalThis as { legacyTokenizer?: unknown }).legacyTokenizer = await AutoTokenizer.from_pretrained(join(tokenizerDir), { local_files_only: true })
await import('../src/analysis/worker')
