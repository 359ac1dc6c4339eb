import { countMeaningfulChars, splitSentences, type SentenceSpan } from '../../../src/shared/text/sentences'

const texts = (input: string, opts?: Parameters<typeof splitSentences>[1]): string[] =>
  splitSentences(input, opts).map((s) => s.text)

function expectConsistentOffsets(input: string, spans: SentenceSpan[]): void {
  let prevEnd = 0
  for (const s of spans) {
    expect(input.slice(s.start, s.end)).toBe(s.text)
    expect(s.text).toBe(s.text.trim())
    expect(s.text.length).toBeGreaterThan(0)
    expect(s.start).toBeGreaterThanOrEqual(prevEnd)
    prevEnd = s.end
  }
}

describe('splitSentences: terminators', () => {
  it('splits on . ? ! with offsets into the original string', () => {
    const input = '오늘은 날씨가 좋았다. 친구를 만났니? 정말 즐거웠어!'
    expect(splitSentences(input)).toEqual([
      { text: '오늘은 날씨가 좋았다.', start: 0, end: 12 },
      { text: '친구를 만났니?', start: 13, end: 21 },
      { text: '정말 즐거웠어!', start: 22, end: 30 }
    ])
  })

  it('splits on newlines (LF, CRLF, CR) even without punctuation', () => {
    const input = '첫째 줄입니다\r\n둘째 줄입니다\r셋째 줄입니다\n\n\n넷째 줄입니다'
    const spans = splitSentences(input)
    expect(spans.map((s) => s.text)).toEqual(['첫째 줄입니다', '둘째 줄입니다', '셋째 줄입니다', '넷째 줄입니다'])
    expectConsistentOffsets(input, spans)
  })

  it('splits on full-width forms 。？！～ and on …', () => {
    expect(texts('기분이 좋다。 왜 그랬을까？ 최고다！ 고마워～ 그냥 그랬다… 끝이다')).toEqual([
      '기분이 좋다。',
      '왜 그랬을까？',
      '최고다！',
      '고마워～',
      '그냥 그랬다…',
      '끝이다'
    ])
  })

  it('treats a run of marks ("...", "?!", "!!!", "~~") as one boundary', () => {
    expect(texts('그냥... 모르겠다?! 너무 화가 난다!!! 좋아~~ 진짜로')).toEqual([
      '그냥...',
      '모르겠다?!',
      '너무 화가 난다!!!',
      '좋아~~',
      '진짜로'
    ])
  })

  it('splits "좋았다.그리고" (no space after the period) like the seed does', () => {
    expect(texts('오늘은 좋았다.그리고 피곤했다.')).toEqual(['오늘은 좋았다.', '그리고 피곤했다.'])
  })

  it('keeps text without any terminator as one sentence, trimmed', () => {
    expect(splitSentences('   그냥 평범한 하루   ')).toEqual([{ text: '그냥 평범한 하루', start: 3, end: 12 }])
  })
})

describe('splitSentences: tokens that contain a mark', () => {
  it('does not split decimals, ranges or domains', () => {
    expect(texts('키가 3.5cm 자랐다. 3~4시에 만나자. naver.com 에서 봤다.')).toEqual([
      '키가 3.5cm 자랐다.',
      '3~4시에 만나자.',
      'naver.com 에서 봤다.'
    ])
  })

  it('does not split a tilde between words (서울~부산) but does at a tilde before a space', () => {
    expect(texts('서울~부산 여행을 갔다. 재밌었어~ 또 가고 싶다')).toEqual([
      '서울~부산 여행을 갔다.',
      '재밌었어~',
      '또 가고 싶다'
    ])
  })
})

describe('splitSentences: quotes and brackets', () => {
  it('keeps a closing quote with its sentence', () => {
    const input = '그가 말했다. "정말 고마워." 나는 웃었다.'
    expect(texts(input)).toEqual(['그가 말했다.', '"정말 고마워."', '나는 웃었다.'])
    expectConsistentOffsets(input, splitSentences(input))
  })

  it('keeps curly quotes and 「」 with their sentence', () => {
    expect(texts('“오늘 최고야!” 그녀가 외쳤다. 「안녕.」 끝.')).toEqual(['“오늘 최고야!”', '그녀가 외쳤다.', '「안녕.」 끝.'])
  })

  it('does not split quoted speech followed directly by a particle ("안녕?"이라고)', () => {
    expect(texts('친구가 "안녕?"이라고 물었다. 반가웠다.')).toEqual(['친구가 "안녕?"이라고 물었다.', '반가웠다.'])
  })

  it('keeps a closing parenthesis with its sentence', () => {
    expect(texts('(정말 힘든 하루였다.) 내일은 나아지겠지?')).toEqual(['(정말 힘든 하루였다.)', '내일은 나아지겠지?'])
  })

  it('an opening straight quote after a terminator starts the next sentence', () => {
    expect(texts('나는 외쳤다."살려줘!" 아무도 없었다.')).toEqual(['나는 외쳤다.', '"살려줘!"', '아무도 없었다.'])
  })
})

describe('splitSentences: tiny fragments', () => {
  it('counts letters and digits but not jamo, punctuation or emoji', () => {
    expect(countMeaningfulChars('ㅋㅋㅋ ㅠㅠ!! 😀')).toBe(0)
    expect(countMeaningfulChars('음.')).toBe(1)
    expect(countMeaningfulChars('좋아 ok 3')).toBe(5)
  })

  it('merges a trailing "ㅋㅋ" into the previous sentence, keeping offsets over the gap', () => {
    const input = '오늘 진짜 웃겼다. ㅋㅋ 내일도 만나자.'
    const spans = splitSentences(input)
    expect(spans).toEqual([
      { text: '오늘 진짜 웃겼다. ㅋㅋ', start: 0, end: 13 },
      { text: '내일도 만나자.', start: 14, end: 22 }
    ])
  })

  it('moves leading ㅠㅠ/^^ words to the previous sentence only on the same line', () => {
    expect(texts('시험을 망쳤다. ㅠㅠ ^^; 그래도 괜찮아.')).toEqual(['시험을 망쳤다. ㅠㅠ ^^;', '그래도 괜찮아.'])
    expect(texts('시험을 망쳤다.\nㅠㅠ 그래도 괜찮아.')).toEqual(['시험을 망쳤다.', 'ㅠㅠ 그래도 괜찮아.'])
  })

  it('merges a leading "음." into the next sentence', () => {
    expect(splitSentences('음. 잘 모르겠다.')).toEqual([{ text: '음. 잘 모르겠다.', start: 0, end: 10 }])
  })

  it('merges emoji-only and punctuation-only lines into the previous sentence', () => {
    expect(texts('너무 행복해\n😀😀\n!!!\n다음 이야기')).toEqual(['너무 행복해\n😀😀\n!!!', '다음 이야기'])
  })

  it('keeps a text made only of tiny fragments as one span instead of dropping it', () => {
    expect(splitSentences('ㅋㅋ. ㅎㅎ')).toEqual([{ text: 'ㅋㅋ. ㅎㅎ', start: 0, end: 6 }])
  })

  it('honours minMeaningfulChars', () => {
    expect(texts('좋아. 응. 싫어.', { minMeaningfulChars: 1 })).toEqual(['좋아.', '응.', '싫어.'])
    expect(texts('좋아. 응. 싫어.', { minMeaningfulChars: 3 })).toEqual(['좋아. 응. 싫어.'])
  })
})

describe('splitSentences: edge cases', () => {
  it('returns [] for empty or whitespace-only text', () => {
    expect(splitSentences('')).toEqual([])
    expect(splitSentences(' \n\t\r\n ')).toEqual([])
  })

  it('uses UTF-16 offsets so emoji (surrogate pairs) keep slices exact', () => {
    const input = '😀 기분 최고! 🎉 오늘은 파티다.'
    const spans = splitSentences(input)
    expect(spans.map((s) => s.text)).toEqual(['😀 기분 최고!', '🎉 오늘은 파티다.'])
    expect(spans[1]!.start).toBe(10)
    expectConsistentOffsets(input, spans)
  })

  it('wraps an over-long run-on sentence at whitespace', () => {
    const word = '가나다라마바사'
    const input = Array.from({ length: 200 }, () => word).join(' ')
    const spans = splitSentences(input, { maxSentenceChars: 100 })
    expect(spans.length).toBeGreaterThan(15)
    for (const s of spans) {
      expect(s.text.length).toBeLessThanOrEqual(100)
      expect(s.text.startsWith(word)).toBe(true)
      expect(s.text.endsWith(word)).toBe(true)
    }
    expectConsistentOffsets(input, spans)
  })

  it('hard-cuts a run-on without whitespace, never inside a surrogate pair', () => {
    const input = '가😀'.repeat(100)
    const spans = splitSentences(input, { maxSentenceChars: 11 })
    expectConsistentOffsets(input, spans)
    for (const s of spans) {
      expect(s.text.length).toBeLessThanOrEqual(11)
      expect(s.text.isWellFormed()).toBe(true)
    }
    expect(spans.map((s) => s.text).join('')).toBe(input)
  })

  it('rejects a nonsensical maxSentenceChars', () => {
    expect(() => splitSentences('가나다', { maxSentenceChars: 0 })).toThrow(RangeError)
  })

  it('keeps offsets consistent on a long mixed diary', () => {
    const input = [
      '2024년 3월 5일. 날씨: 맑음~',
      '아침에 늦잠을 잤다... 회사에 10.5분 늦었다!! 팀장님이 "또 늦었어?"라고 하셨다.',
      'ㅠㅠ',
      '점심은 맛있었다 :) 오후엔 회의가 3~4시간이나 했다?! (진짜 길었다.)',
      '',
      '내일은 잘하자. ㅎㅎ'
    ].join('\n')
    const spans = splitSentences(input)
    expectConsistentOffsets(input, spans)
    expect(spans.map((s) => s.text)).toEqual([
      '2024년 3월 5일.',
      '날씨: 맑음~',
      '아침에 늦잠을 잤다...',
      '회사에 10.5분 늦었다!!',
      '팀장님이 "또 늦었어?"라고 하셨다.\nㅠㅠ',
      '점심은 맛있었다 :) 오후엔 회의가 3~4시간이나 했다?!',
      '(진짜 길었다.)',
      '내일은 잘하자. ㅎㅎ'
    ])
  })

  it('splits 1 MB of text in linear time without throwing', () => {
    const input = '오늘은 좋은 날이다. '.repeat(90_000)
    const spans = splitSentences(input)
    expect(spans.length).toBe(90_000)
    expect(spans[89_999]!.end).toBe(input.trimEnd().length)
  })
})
