/**
 * A small seeded fuzzer for the API and the import format: a PRNG, values chosen to break things
 * (wrong types, boundaries, NUL and lone surrogates, path tricks, prototype keys, huge strings, the
 * odd values IPC's structured clone can carry), and mutations of a valid template (replace, drop
 * or add a field, swap types, nest, wrap). The same seed gives the same payloads.
 */
import { seededRandom } from '../../src/shared/seeded-random'

/** Seeded draws (mulberry32), shared with the tests, benchmarks and training scripts. */
export const prng = seededRandom

export class Fuzzer {
  readonly next: () => number
  constructor(readonly seed: number) {
    this.next = prng(seed)
  }
  int(n: number): number {
    return Math.floor(this.next() * n)
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!
  }
  chance(p: number): boolean {
    return this.next() < p
  }

  /** A value meant to break a handler that trusts its input. */
  nasty(): unknown {
    const f = this
    const makers: (() => unknown)[] = [
      () => null,
      () => undefined,
      () => f.pick([0, -0, 1, -1, 2, 7, 999_999, 2 ** 31, 2 ** 53 + 1, -(2 ** 53), 1e308, -1e308, 5e-324, 0.5, NaN, Infinity, -Infinity]),
      () => f.pick([true, false]),
      () => f.pick(['', ' ', '\u0000', 'a\u0000b', '\uD800', '\uDFFF', '\u202Eevil', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '가', '하루', '0', '-1', '1e9', 'NaN', 'null', 'true', '[]', '{}']),
      () => f.pick(['../../etc/passwd', '/etc/shadow', '/dev/zero', '/dev/stdin', '/', '.', '..', 'C:\\Windows\\win.ini', '\\\\server\\share', 'file:///etc/passwd', '%2e%2e%2f', 'models/x/manifest.json', 'asr.json']),
      () => f.pick(['2026-02-30', '2026-13-01', '0000-00-00', '9999-12-31', '2026-1-1', '2026-11-20T00:00:00Z', ' 2026-11-20']),
      () => f.pick(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']),
      () => 'x'.repeat(f.pick([101, 256, 4097, 100_001, 1_000_000])),
      () => '가'.repeat(f.pick([41, 201, 100_001])),
      () => f.pick(['AAAA', 'AAA', '====', 'not base64!', 'UklGRiQAAABXQVZF', Buffer.alloc(f.int(3000)).toString('base64')]),
      () => [],
      () => [f.nasty(), f.nasty()],
      () => Array.from({ length: f.pick([21, 1001, 10_000]) }, () => 'a'),
      () => ({}),
      () => ({ [f.pick(['__proto__', 'constructor', 'x'])]: f.nasty() }),
      () => JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
      () => deep(f.pick([50, 2000])),
      () => new Date(f.pick([0, 8.64e15, NaN])),
      () => new Map([['a', 1]]),
      () => new Set([1]),
      () => new Uint8Array(f.int(64)),
      () => BigInt(f.int(1000)),
      () => /re/
    ]
    return f.pick(makers)()
  }

  /** A copy of `template` with one to three mutations. */
  mutate(template: unknown): unknown {
    let value = structuredClone(template)
    const rounds = 1 + this.int(3)
    for (let i = 0; i < rounds; i++) value = this.mutateOnce(value)
    return value
  }

  private mutateOnce(value: unknown): unknown {
    if (this.chance(0.06)) return this.nasty() // the whole payload replaced
    const plain = typeof value === 'object' && value !== null && !Array.isArray(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value))
    if (!plain) return this.chance(0.5) ? this.nasty() : { value }
    const obj = value as Record<string, unknown>
    const keys = Object.keys(obj)
    const op = this.int(6)
    if (op === 0 || keys.length === 0) {
      // An extra field, sometimes a prototype key set as an own property.
      Object.defineProperty(obj, this.pick(['extra', '__proto__', 'constructor', 'admin', 'path', 'id']), { value: this.nasty(), enumerable: true, configurable: true, writable: true })
      return obj
    }
    const key = this.pick(keys)
    if (op === 1) delete obj[key]
    else if (op === 2) obj[key] = this.nasty()
    else if (op === 3) obj[key] = typeof obj[key] === 'number' ? String(obj[key]) : typeof obj[key] === 'string' ? [obj[key]] : this.nasty()
    else if (op === 4) obj[key] = typeof obj[key] === 'object' && obj[key] !== null ? this.mutateOnce(obj[key]) : this.nasty()
    else obj[key] = typeof obj[key] === 'number' ? this.pick([0, -1, (obj[key] as number) + 1, 2 ** 31, 1.5, NaN]) : this.nasty()
    return obj
  }
}

function deep(depth: number): unknown {
  let v: unknown = 'bottom'
  for (let i = 0; i < depth; i++) v = { a: v }
  return v
}

/** Every path to a value inside a JSON document (for mutating the import format anywhere). */
export function jsonPaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix)
  if (Array.isArray(value)) value.forEach((v, i) => jsonPaths(v, [...prefix, i], out))
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) jsonPaths(v, [...prefix, k], out)
  return out
}
