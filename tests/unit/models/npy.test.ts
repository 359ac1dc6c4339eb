import { readNpy, writeNpy } from '../../../src/main/models/seed-import/npy'
import { SeedImportError } from '../../../src/main/models/seed-import/errors'

// np.save(np.array(baselines.MALE.mean, dtype=np.float32)) from numpy 1.24.2, and the same as '>f4' and a (2,3) float64.
const MALE_MEAN_F4 =
  'k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAphY/TDOuOXQivQy0DPG69BAxWoQOMsT0HkyTnANvoKQJ+exEBa7AJACCeCwNnPsz9dsVq/'
const MALE_MEAN_BIG_ENDIAN =
  'k05VTVBZAQB2AHsnZGVzY3InOiAnPmY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIArD9GNhQpfjOkDL0CtBrxvPQKgVA0FPLOPAOcnkQAr6NkDEnp9AAuxawIInCD+zz9m/WrFd'
const F8_2X3 =
  'k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAAAAAAAAPA/AAAAAAAAAEAAAAAAAAAIQAAAAAAAABBAAAAAAAAAFEA='
const MALE_MEAN = [
  -488.7764, 75.9438, 6.369161, 21.888578, 5.252565, 12.948459, -2.9029474, 2.1715217, 6.144363, 2.0456758, -4.0672646, 1.4047805,
  -0.85426885
]

const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'))

describe('npy reader/writer', () => {
  it('reads numpy float32 and float64 files exactly', () => {
    const f4 = readNpy(b64(MALE_MEAN_F4))
    expect(f4).toMatchObject({ dtype: 'float32', shape: [13] })
    expect(Array.from(f4.data)).toEqual(MALE_MEAN.map(Math.fround))
    const f8 = readNpy(b64(F8_2X3))
    expect(f8.shape).toEqual([2, 3])
    expect(Array.from(f8.data)).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('writes byte-for-byte what np.save writes', () => {
    expect(Buffer.from(writeNpy(MALE_MEAN, 'float32')).toString('base64')).toBe(MALE_MEAN_F4)
    expect(Buffer.from(writeNpy([0, 1, 2, 3, 4, 5], 'float64', [2, 3])).toString('base64')).toBe(F8_2X3)
  })

  it('refuses big-endian, truncated and non-npy input with bad-npy', () => {
    const cases = [b64(MALE_MEAN_BIG_ENDIAN), b64(MALE_MEAN_F4).slice(0, 150), new TextEncoder().encode('{"mean": []}')]
    const messages = cases.map((bytes) => {
      try {
        readNpy(bytes, 'x.npy')
        return 'no error'
      } catch (e) {
        expect(e).toBeInstanceOf(SeedImportError)
        expect((e as SeedImportError).code).toBe('bad-npy')
        return (e as Error).message
      }
    })
    expect(messages[0]).toContain('>f4')
    expect(messages[1]).toContain('data bytes')
    expect(messages[2]).toContain('not a .npy')
  })
})
