import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Component styles are CSS Modules (`Foo.module.css` beside `Foo.tsx`), so one component's rules
 * can never restyle another's elements. The global sheet keeps only the reset, the theme variables
 * and the shell. (Issue 11 item 2: the calibration meter's `.meter-fill` painted the memo recorder's
 * level bar as a page-sized green block.)
 */
const RENDERER = join(__dirname, '../../../src/renderer/src')

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

const files = walk(RENDERER)
const css = files.filter((f) => f.endsWith('.css'))
const sources = files.filter((f) => /\.tsx?$/.test(f))

/** Class selectors of the global sheet: the shell around the pages and nothing else. */
const GLOBAL_CLASSES = new Set(['shell', 'topbar', 'content'])

describe('component-scoped styles', () => {
  it('has no global stylesheet other than styles.css', () => {
    const global = css.filter((f) => !f.endsWith('.module.css')).map((f) => relative(RENDERER, f))
    expect(global).toEqual(['styles.css'])
  })

  it('keeps every CSS module beside a component of the same name', () => {
    for (const file of css.filter((f) => f.endsWith('.module.css'))) {
      const base = basename(file, '.module.css')
      const owner = [join(dirname(file), `${base}.tsx`), join(dirname(file), `${base}.ts`)]
      expect(owner.some((o) => files.includes(o)), `${relative(RENDERER, file)} has no ${base}.tsx beside it`).toBe(true)
    }
  })

  it('limits styles.css to the reset, the theme variables and the shell', () => {
    const sheet = readFileSync(join(RENDERER, 'styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
    const classes = new Set([...sheet.matchAll(/\.([a-zA-Z][\w-]*)/g)].map((m) => m[1]!))
    expect([...classes].filter((c) => !GLOBAL_CLASSES.has(c))).toEqual([])
  })

  it('imports no plain .css file from a component', () => {
    const plain = sources.filter((f) => /import\s+['"][^'"]+(?<!\.module)\.css['"]/.test(readFileSync(f, 'utf8')))
    expect(plain.map((f) => relative(RENDERER, f))).toEqual(['main.tsx'])
  })

  it('uses no global class names from components (className strings must come from a module)', () => {
    // A literal class such as className="meter-fill" would be styled by whichever sheet defines it.
    const patterns = [
      /className="([^"]*)"/g, // className="a b"
      /className='([^']*)'/g,
      /className=\{`([^`]*)`\}/g, // className={`a ${x}`}: the static words
      /className=\{[^}\n]*\?\s*'([^']*)'\s*:\s*'([^']*)'/g, // className={cond ? 'a' : 'b'}
      /\bcx\(([^)]*)\)/g // cx('a', …): quoted arguments
    ]
    const offenders: string[] = []
    for (const file of sources) {
      const text = readFileSync(file, 'utf8')
      for (const pattern of patterns) {
        for (const m of text.matchAll(pattern)) {
          const words = m
            .slice(1)
            .join(' ')
            .replace(/\$\{[^}]*\}/g, ' ')
          // In cx(…) only quoted class names count, not comparisons (x === 'a').
          const literal = pattern.source.startsWith('\\bcx') ? [...words.matchAll(/(?<![=!]==\s*)'([^']*)'/g)].map((q) => q[1]).join(' ') : words
          for (const cls of literal.split(/\s+/).filter(Boolean)) {
            if (!GLOBAL_CLASSES.has(cls)) offenders.push(`${relative(RENDERER, file)}: ${cls}`)
          }
        }
      }
    }
    expect(offenders).toEqual([])
  })
})
