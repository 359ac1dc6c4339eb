import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PickleError, unpickle, type PickleGlobal } from '../../../src/main/models/seed-import/pickle'
import { readTorchStateDict, CheckpointError } from '../../../src/main/models/seed-import/torch-checkpoint'
import { f32Bytes, PickleBytes, stateDictPickle, torchZip } from './helpers/torch-zip'

const noGlobals = { globals: new Map<string, PickleGlobal>() }

function pickleError(fn: () => unknown): PickleError {
  try {
    fn()
  } catch (e) {
    if (e instanceof PickleError) return e
    throw e
  }
  throw new Error('expected a PickleError')
}

describe('restricted pickle reader', () => {
  it('decodes the plain data types a state_dict pickle uses', () => {
    // {'a': [1, 300, -5, 'é'], 'b': (True, None, 2.5)} built with protocol-2 opcodes, memo included.
    const p = new PickleBytes().op(0x80).raw([2]).op(0x7d).op(0x71).raw([0]).mark()
    p.str('a').op(0x5d).mark().int(1).int(300).int(-5).str('é').op(0x65)
    p.str('b').op(0x88).op(0x4e).op(0x47).raw([0x40, 0x04, 0, 0, 0, 0, 0, 0]).op(0x87)
    p.op(0x75).op(0x2e)
    const value = unpickle(p.bytes(), noGlobals) as Map<string, unknown>
    expect(value).toBeInstanceOf(Map)
    expect(value.get('a')).toEqual([1, 300, -5, 'é'])
    expect(value.get('b')).toEqual([true, null, 2.5])
  })

  it('refuses a GLOBAL of os.system before anything can call it', () => {
    // The classic exploit: cos\nsystem\n(S'touch …'\ntR.  (here with BINUNICODE for the argument)
    const marker = join(mkdtempSync(join(tmpdir(), 'haru-pickle-')), 'pwned')
    const evil = new PickleBytes().global('os', 'system').mark().str(`touch ${marker}`).tuple().op(0x52).op(0x2e).bytes()
    const err = pickleError(() => unpickle(evil, noGlobals))
    expect(err.code).toBe('forbidden-global')
    expect(err.message).toContain('os.system')
    expect(err.offset).toBe(0)
    expect(existsSync(marker)).toBe(false)
  })

  it('refuses STACK_GLOBAL builtins.eval and object-building opcodes', () => {
    const stackGlobal = new PickleBytes().op(0x80).raw([4]).str('builtins').str('eval').op(0x93).op(0x2e).bytes()
    expect(pickleError(() => unpickle(stackGlobal, noGlobals)).code).toBe('forbidden-global')
    const inst = new PickleBytes().mark().op(0x69).raw(new TextEncoder().encode('os\nsystem\n')).op(0x2e).bytes()
    const err = pickleError(() => unpickle(inst, noGlobals))
    expect(err.code).toBe('forbidden-opcode')
    expect(err.message).toContain('INST')
  })

  it('refuses REDUCE on an allow-listed global that is not callable, and BUILD on plain data', () => {
    const globals = new Map<string, PickleGlobal>([['torch.FloatStorage', { module: 'torch', name: 'FloatStorage' }]])
    const reduce = new PickleBytes().global('torch', 'FloatStorage').op(0x29).op(0x52).op(0x2e).bytes()
    expect(pickleError(() => unpickle(reduce, { globals })).code).toBe('forbidden-call')
    const build = new PickleBytes().op(0x5d).op(0x7d).op(0x62).op(0x2e).bytes()
    expect(pickleError(() => unpickle(build, noGlobals)).code).toBe('forbidden-call')
  })

  it('reports truncated and unbalanced pickles as malformed', () => {
    expect(pickleError(() => unpickle(new PickleBytes().str('abc').bytes().slice(0, 6), noGlobals)).code).toBe('malformed')
    expect(pickleError(() => unpickle(new PickleBytes().int(1).int(2).op(0x2e).bytes(), noGlobals)).code).toBe('malformed')
    expect(pickleError(() => unpickle(new PickleBytes().op(0x68).raw([7]).op(0x2e).bytes(), noGlobals)).message).toContain('memo')
    expect(pickleError(() => unpickle(Uint8Array.from([0xff]), noGlobals)).message).toContain('unknown opcode 0xff')
  })
})

describe('checkpoint with a hostile data.pkl', () => {
  it('is refused as unsafe-pickle', () => {
    const evil = new PickleBytes().op(0x80).raw([2]).global('posix', 'system').mark().str('echo pwned').tuple().op(0x52).op(0x2e).bytes()
    const zip = torchZip(evil, {})
    let error: unknown
    try {
      readTorchStateDict(zip)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(CheckpointError)
    expect((error as CheckpointError).code).toBe('unsafe-pickle')
    expect((error as CheckpointError).message).toContain('posix.system')
  })

  it('refuses a state_dict that holds something other than tensors', () => {
    const p = new PickleBytes().op(0x80).raw([2]).op(0x7d).str('epoch').int(3).op(0x73).op(0x2e).bytes()
    expect(() => readTorchStateDict(torchZip(p, {}))).toThrow(expect.objectContaining({ code: 'not-a-state-dict' }))
  })

  it('does not loop on a dict that contains itself as its state_dict', () => {
    const p = new PickleBytes().op(0x80).raw([2]).op(0x7d).op(0x71).raw([0]).str('state_dict').op(0x68).raw([0]).op(0x73).op(0x2e).bytes()
    expect(() => readTorchStateDict(torchZip(p, {}))).toThrow(expect.objectContaining({ code: 'not-a-state-dict' }))
  })

  it('accepts a well-formed state_dict built the way torch.save writes it', () => {
    const zip = torchZip(
      stateDictPickle([{ name: 'w', storage: 'FloatStorage', key: '0', numel: 2, offset: 0, size: [2], stride: [1] }]),
      { '0': f32Bytes([1.5, -2]) }
    )
    expect(Array.from(readTorchStateDict(zip).get('w')!.data as Float32Array)).toEqual([1.5, -2])
  })
})
