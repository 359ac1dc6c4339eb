import { createInterface } from 'node:readline'
import { CANONICAL_EMOTIONS } from '../../shared/emotions'
import type { TextAnalysisResult } from '../../shared/analysis/protocol'
import { argmax } from '../../shared/text/aggregate'
import { UsageError, type Command, type CommandContext } from '../context'
import { loadModelOption } from '../model-option'

const pct = (v: number): string => `${v.toFixed(1)}%`

/** Shares above half a percent, largest first, as "HAPPY 61.0% · SAD 27.3%". */
function shares(entries: [string, number][]): string {
  const shown = entries.filter(([, v]) => v >= 0.5).sort((a, b) => b[1] - a[1])
  return shown.length ? shown.map(([k, v]) => `${k} ${pct(v)}`).join(' · ') : '—'
}

function printSummary(ctx: CommandContext, r: TextAnalysisResult): void {
  if (r.sentences.length === 0) {
    ctx.out(`${r.modelId} · no sentences (empty text)`)
    return
  }
  const more = r.truncated ? ` (of ${r.totalSentences}: truncated)` : ''
  ctx.out(`${r.modelId} · ${r.sentences.length} sentence${r.sentences.length === 1 ? '' : 's'}${more}`)
  r.sentences.forEach((s, i) => {
    const confidence = s.probs[argmax(s.probs)]! * 100
    const unsure = s.uncertain ? '  (not sure)' : ''
    ctx.out(`${String(i + 1).padStart(3)}. ${s.label.padEnd(8)} ${pct(confidence).padStart(6)}  [${s.start}–${s.end}] ${s.text}${unsure}`)
  })
  ctx.out(`mix (length-weighted, neutral sentences left out, uncertain ones at a quarter): ${shares(CANONICAL_EMOTIONS.map((e) => [e, r.mix[e] * 100]))}`)
  ctx.out(`sentences per label: ${shares(Object.entries(r.percentages))}`)
}

export const analyzeTextCommand: Command = {
  usage: 'analyze-text "TEXT" | --stdin [--model default|PATH] [--json | --jsonl]',
  summary:
    'sentence labels and the emotion mix of a text, through the analysis process (as the app stores them); --stdin reads one text per line and writes one result per line',
  flags: { model: 'string', stdin: 'boolean', jsonl: 'boolean' },
  // Model packs are not diary content: a locked diary need not be opened to analyse a text.
  diary: 'lazy',
  async run(ctx) {
    const fromStdin = ctx.flags.stdin === true
    if (fromStdin && ctx.args.length > 0) throw new UsageError('give the text as an argument or with --stdin, not both')
    if (!fromStdin && ctx.args.length !== 1) throw new UsageError('analyze-text needs one text (quote it) or --stdin')
    // With --stdin every line is its own document, so --json means one JSON object per line too.
    const jsonLines = ctx.flags.jsonl === true || (fromStdin && ctx.flags.json === true)
    const pack = await loadModelOption(ctx, 'text')
    // The service's analysis process: started once, it keeps the engine loaded across lines.
    const analyze = (text: string) => ctx.service.analysis.request('analyze-text', { text, packDir: pack.dir })
    const emit = (r: TextAnalysisResult): void => {
      if (jsonLines) ctx.out(JSON.stringify(r))
      else if (ctx.flags.json) ctx.out(JSON.stringify(r, null, 2))
      else printSummary(ctx, r)
    }

    if (!fromStdin) return emit(await analyze(ctx.args[0]!))
    const lines = createInterface({ input: ctx.stdin ?? process.stdin, crlfDelay: Infinity })
    let first = true
    // One line in, one result out, in order; an empty line is an empty result (no sentences).
    for await (const line of lines) {
      if (!jsonLines && !first) ctx.out('')
      first = false
      emit(await analyze(line))
    }
  }
}
