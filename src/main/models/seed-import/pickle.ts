/**
 * A restricted Python pickle reader. It understands only the opcodes a PyTorch `state_dict`
 * uses (protocols 2–5, binary forms) and resolves GLOBALs solely through a caller-supplied
 * allow-list of plain JS functions, so a hostile pickle can never reach anything executable:
 * an unknown opcode or global stops decoding with a `PickleError` at the offending offset.
 */

export type PickleErrorCode = 'malformed' | 'forbidden-opcode' | 'forbidden-global' | 'forbidden-call'

export class PickleError extends Error {
  override readonly name = 'PickleError'
  constructor(
    readonly code: PickleErrorCode,
    message: string,
    readonly offset?: number
  ) {
    super(offset === undefined ? message : `${message} (pickle offset ${offset})`)
  }
}

/** An allow-listed global. `call` makes it usable with REDUCE; `build` with BUILD on its results. */
export interface PickleGlobal {
  readonly module: string
  readonly name: string
  call?(args: unknown[]): unknown
}

/** Marks objects whose attributes a BUILD opcode may set (e.g. OrderedDict's `_metadata`). */
export interface Buildable {
  setState(state: unknown): void
}

export interface UnpickleOptions {
  /** Keyed by "module.name", e.g. "collections.OrderedDict". Anything absent is refused. */
  globals: ReadonlyMap<string, PickleGlobal>
  /** Resolves BINPERSID ids (PyTorch storages). Without it, persistent ids are refused. */
  persistentLoad?(pid: unknown): unknown
}

/** Opcodes this reader deliberately refuses, named so the error says what was found. */
const REFUSED_OPCODES: Record<number, string> = {
  0x69: 'INST',
  0x6f: 'OBJ',
  0x81: 'NEWOBJ',
  0x92: 'NEWOBJ_EX',
  0x50: 'PERSID',
  0x82: 'EXT1',
  0x83: 'EXT2',
  0x84: 'EXT4',
  0x49: 'INT',
  0x4c: 'LONG',
  0x8b: 'LONG4',
  0x53: 'STRING',
  0x54: 'BINSTRING',
  0x55: 'SHORT_BINSTRING',
  0x56: 'UNICODE',
  0x46: 'FLOAT',
  0x67: 'GET',
  0x70: 'PUT',
  0x8e: 'BINBYTES8',
  0x8f: 'EMPTY_SET',
  0x90: 'ADDITEMS',
  0x91: 'FROZENSET',
  0x96: 'BYTEARRAY8',
  0x97: 'NEXT_BUFFER',
  0x98: 'READONLY_BUFFER'
}

type DictKey = string | number | bigint | boolean | null

function isDictKey(v: unknown): v is DictKey {
  return v === null || ['string', 'number', 'bigint', 'boolean'].includes(typeof v)
}

export function unpickle(bytes: Uint8Array, options: UnpickleOptions): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const stack: unknown[] = []
  const marks: unknown[][] = []
  const memo = new Map<number, unknown>()
  let pos = 0
  let opStart = 0

  const fail = (code: PickleErrorCode, message: string): never => {
    throw new PickleError(code, message, opStart)
  }
  const need = (n: number): number => {
    if (n < 0 || pos + n > bytes.length) fail('malformed', `truncated pickle: needs ${n} more bytes`)
    const at = pos
    pos += n
    return at
  }
  const u8 = () => view.getUint8(need(1))
  const u16 = () => view.getUint16(need(2), true)
  const u32 = () => view.getUint32(need(4), true)
  const u64 = (): number => {
    const v = view.getBigUint64(need(8), true)
    if (v > BigInt(bytes.length)) fail('malformed', `length ${v} exceeds the pickle size`)
    return Number(v)
  }
  const text = (n: number): string => {
    const at = need(n)
    try {
      return decoder.decode(bytes.subarray(at, at + n))
    } catch {
      return fail('malformed', 'invalid UTF-8 string')
    }
  }
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos)
    if (end < 0) fail('malformed', 'unterminated GLOBAL name')
    const s = new TextDecoder('latin1').decode(bytes.subarray(pos, end))
    pos = end + 1
    return s
  }
  const pop = (): unknown => {
    if (stack.length === 0) fail('malformed', 'stack underflow')
    return stack.pop()
  }
  const top = (): unknown => {
    if (stack.length === 0) fail('malformed', 'stack underflow')
    return stack[stack.length - 1]
  }
  // MARK saves the current stack aside and starts an empty one, so "items since the mark" is
  // simply the whole current stack.
  const popMark = (): unknown[] => {
    const previous = marks.pop()
    if (!previous) fail('malformed', 'no MARK to pop to')
    const items = stack.splice(0)
    stack.push(...previous!)
    return items
  }
  const resolveGlobal = (module: string, name: string): PickleGlobal => {
    const g = options.globals.get(`${module}.${name}`)
    if (!g) {
      fail('forbidden-global', `refusing global ${module}.${name}: a model checkpoint never needs it`)
    }
    return g!
  }
  const setItems = (dict: unknown, items: unknown[]): void => {
    if (!(dict instanceof Map)) fail('malformed', 'SETITEM(S) on something that is not a dict')
    if (items.length % 2 !== 0) fail('malformed', 'odd number of dict items')
    for (let i = 0; i < items.length; i += 2) {
      const key = items[i]
      if (!isDictKey(key)) fail('malformed', 'unsupported dict key type')
      ;(dict as Map<unknown, unknown>).set(key, items[i + 1])
    }
  }
  const memoPut = (index: number) => memo.set(index, top())
  const memoGet = (index: number): unknown => {
    if (!memo.has(index)) fail('malformed', `memo index ${index} was never stored`)
    return memo.get(index)
  }

  while (true) {
    opStart = pos
    const op = u8()
    switch (op) {
      case 0x80: // PROTO
        if (u8() > 5) fail('malformed', 'unsupported pickle protocol')
        break
      case 0x95: // FRAME: framing is only a read-ahead hint
        u64()
        break
      case 0x2e: // STOP
        if (stack.length !== 1 || marks.length !== 0) fail('malformed', 'STOP with an unbalanced stack')
        return stack[0]
      case 0x28: // MARK
        marks.push(stack.splice(0))
        break
      case 0x30: // POP
        pop()
        break
      case 0x31: // POP_MARK
        popMark()
        break
      case 0x32: // DUP
        stack.push(top())
        break
      case 0x63: {
        // GLOBAL
        const module = line()
        stack.push(resolveGlobal(module, line()))
        break
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop()
        const module = pop()
        if (typeof module !== 'string' || typeof name !== 'string') fail('malformed', 'STACK_GLOBAL needs two strings')
        stack.push(resolveGlobal(module as string, name as string))
        break
      }
      case 0x29: // EMPTY_TUPLE
        stack.push([])
        break
      case 0x74: // TUPLE
        stack.push(popMark())
        break
      case 0x85: // TUPLE1
        stack.push([pop()])
        break
      case 0x86: {
        // TUPLE2
        const b = pop()
        stack.push([pop(), b])
        break
      }
      case 0x87: {
        // TUPLE3
        const c = pop()
        const b = pop()
        stack.push([pop(), b, c])
        break
      }
      case 0x5d: // EMPTY_LIST
        stack.push([])
        break
      case 0x6c: // LIST
        stack.push(popMark())
        break
      case 0x61: {
        // APPEND
        const v = pop()
        const list = top()
        if (!Array.isArray(list)) fail('malformed', 'APPEND to something that is not a list')
        ;(list as unknown[]).push(v)
        break
      }
      case 0x65: {
        // APPENDS
        const items = popMark()
        const list = top()
        if (!Array.isArray(list)) fail('malformed', 'APPENDS to something that is not a list')
        ;(list as unknown[]).push(...items)
        break
      }
      case 0x7d: // EMPTY_DICT
        stack.push(new Map())
        break
      case 0x64: {
        // DICT
        const dict = new Map()
        setItems(dict, popMark())
        stack.push(dict)
        break
      }
      case 0x73: {
        // SETITEM
        const value = pop()
        const key = pop()
        setItems(top(), [key, value])
        break
      }
      case 0x75: {
        // SETITEMS
        const items = popMark()
        setItems(top(), items)
        break
      }
      case 0x4a: // BININT
        stack.push(view.getInt32(need(4), true))
        break
      case 0x4b: // BININT1
        stack.push(u8())
        break
      case 0x4d: // BININT2
        stack.push(u16())
        break
      case 0x8a: {
        // LONG1: little-endian two's complement of n bytes
        const n = u8()
        const at = need(n)
        let v = 0n
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i]!)
        if (n > 0 && bytes[at + n - 1]! & 0x80) v -= 1n << BigInt(8 * n)
        stack.push(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v)
        break
      }
      case 0x4e: // NONE
        stack.push(null)
        break
      case 0x88: // NEWTRUE
        stack.push(true)
        break
      case 0x89: // NEWFALSE
        stack.push(false)
        break
      case 0x58: // BINUNICODE
        stack.push(text(u32()))
        break
      case 0x8c: // SHORT_BINUNICODE
        stack.push(text(u8()))
        break
      case 0x8d: // BINUNICODE8
        stack.push(text(u64()))
        break
      case 0x43: {
        // SHORT_BINBYTES
        const n = u8()
        const at = need(n)
        stack.push(bytes.slice(at, at + n))
        break
      }
      case 0x42: {
        // BINBYTES
        const n = u32()
        const at = need(n)
        stack.push(bytes.slice(at, at + n))
        break
      }
      case 0x47: // BINFLOAT (big-endian double)
        stack.push(view.getFloat64(need(8), false))
        break
      case 0x71: // BINPUT
        memoPut(u8())
        break
      case 0x72: // LONG_BINPUT
        memoPut(u32())
        break
      case 0x94: // MEMOIZE
        memoPut(memo.size)
        break
      case 0x68: // BINGET
        stack.push(memoGet(u8()))
        break
      case 0x6a: // LONG_BINGET
        stack.push(memoGet(u32()))
        break
      case 0x51: {
        // BINPERSID
        const pid = pop()
        if (!options.persistentLoad) fail('forbidden-opcode', 'persistent ids are not allowed here')
        stack.push(options.persistentLoad!(pid))
        break
      }
      case 0x52: {
        // REDUCE
        const args = pop()
        const callable = pop() as PickleGlobal
        if (!Array.isArray(args)) fail('malformed', 'REDUCE arguments are not a tuple')
        if (typeof callable !== 'object' || callable === null || typeof callable.call !== 'function') {
          fail('forbidden-call', 'REDUCE on something that is not an allowed callable')
        }
        stack.push(callable.call!(args as unknown[]))
        break
      }
      case 0x62: {
        // BUILD
        const state = pop()
        const target = top() as Partial<Buildable> | null
        if (typeof target !== 'object' || target === null || typeof target.setState !== 'function') {
          fail('forbidden-call', 'BUILD on an object that does not accept state')
        }
        target!.setState!(state)
        break
      }
      default: {
        const name = REFUSED_OPCODES[op]
        fail(
          name ? 'forbidden-opcode' : 'malformed',
          name
            ? `refusing opcode ${name}: not needed by a state_dict`
            : `unknown opcode 0x${op.toString(16).padStart(2, '0')}`
        )
      }
    }
  }
}
