import { describe, expect, it } from 'vitest'
import { chooseBucket, defaultRangePreset, presetRange } from '../../../src/shared/trends/date-ranges'

/** Issue 11 item 10: ranges that mean what they say, and charts that stay readable. */
describe('trend ranges', () => {
  it('"last 3 months" is the three months up to today, not two and a bit', () => {
    // Reported: on Dec 1 it was Oct 1 – Dec 1.
    expect(presetRange('3months', '2026-12-01')).toEqual({ from: '2026-09-02', to: '2026-12-01' })
    expect(presetRange('3months', '2026-05-31')).toEqual({ from: '2026-03-01', to: '2026-05-31' })
    // Month ends clamp (Nov 30 minus 3 months is Aug 30), leap years hold.
    expect(presetRange('3months', '2026-11-30')).toEqual({ from: '2026-08-31', to: '2026-11-30' })
    expect(presetRange('3months', '2024-05-29')).toEqual({ from: '2024-03-01', to: '2024-05-29' })
  })

  it('offers the last 30 days, and makes it the default in the first days of a month', () => {
    expect(presetRange('30days', '2026-03-02')).toEqual({ from: '2026-02-01', to: '2026-03-02' })
    expect(defaultRangePreset('2026-03-01')).toBe('30days')
    expect(defaultRangePreset('2026-03-07')).toBe('30days')
    expect(defaultRangePreset('2026-03-08')).toBe('month')
    expect(defaultRangePreset('2026-03-31')).toBe('month')
  })

  it('draws daily points up to six weeks and weekly points beyond', () => {
    expect(chooseBucket({ from: '2026-03-01', to: '2026-04-11' })).toBe('day') // 42 days
    expect(chooseBucket({ from: '2026-03-01', to: '2026-04-12' })).toBe('week') // 43 days
    expect(chooseBucket(presetRange('3months', '2026-12-01'))).toBe('week')
  })
})
