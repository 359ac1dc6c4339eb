/**
 * The words a day is about, without a Korean morphological analyser: each space-separated word
 * (어절) loses one trailing particle or 하다-ending (산책을, 산책했다, 산책하고 → 산책), and what
 * remains counts if it is at least two syllables, is not a function or time word, is not itself a
 * feeling (a day that says 행복 being happy is no insight), and does not end like a verb or
 * adjective. Crude on purpose and explained in the README; the 3-day rule filters the noise.
 */

/** Longest first, so 에서는 wins over 는. Only forms that follow a noun. */
const SUFFIXES = [
  '했는데', '했지만', '하면서', '에서는', '에서도', '에게서', '으로는', '으로도', '이랑은', '하려고',
  '했다', '했고', '했던', '하고', '하는', '하니', '하며', '하다', '하면', '해서', '해도', '하기', '하러', '해야',
  '에서', '에게', '한테', '께서', '까지', '부터', '처럼', '보다', '으로', '이랑', '마다', '조차', '밖에', '이나', '이라', '이다', '이고',
  '은', '는', '을', '를', '에', '의', '도', '만', '와', '과', '랑', '로', '이', '가'
]

/** A remaining word ending in one of these is a verb or adjective form, not a topic. */
const PREDICATE_ENDINGS = new Set(['다', '요', '는', '은', '고', '며', '면', '데', '까', '던', '된', '운', '할', '될', '렸', '았', '었', '였', '했', '겠', '있', '없', '갔', '왔', '봤', '졌'])

/** Nouns ending in 니, which otherwise marks a verb form (보니, 하니). */
const NOUNS_ENDING_IN_NI = new Set(['할머니', '어머니', '언니', '아주머니', '지니', '미니'])

/** Nouns that end in 이 as part of the word, not as the subject particle. */
const NOUNS_ENDING_IN_I = new Set(['고양이', '어린이', '원숭이', '호랑이', '오뚝이', '떡볶이'])

const STOPWORDS = new Set([
  '오늘', '어제', '내일', '그리고', '그래서', '그런데', '하지만', '그래도', '그러나', '너무', '정말', '진짜', '조금', '많이',
  '다시', '이제', '아직', '벌써', '계속', '같이', '하루', '종일', '우리', '그냥', '결국', '오랜만', '처음', '이번', '지난', '다음',
  '모두', '다들', '아침', '저녁', '오후', '오전', '점심', '새벽', '요즘', '항상', '가끔', '자꾸', '괜히', '혼자', '그게', '이게',
  '저게', '무슨', '어떤', '그런', '이런', '저런', '없이', '같은', '때문', '생각', '기분', '마음', '느낌', '정도', '동안', '사람',
  // pronouns and determiners (내가 cannot lose its 가: 내 alone is too short to be a word)
  '내가', '나는', '나도', '나를', '나의', '내게', '제가', '저는', '저도', '네가', '너는', '너를', '그는', '그녀', '자기', '다른',
  '모든', '여기', '거기', '저기', '이것', '그것', '저것'
])

/** Stems of feeling words: tautological as "what goes with" a feeling. */
const FEELING_STEMS = [
  '행복', '기쁘', '기뻤', '기쁨', '슬프', '슬펐', '슬픔', '우울', '화가', '화나', '화난', '짜증', '무섭', '무서', '불안',
  '걱정', '두려', '놀라', '놀랐', '놀람', '깜짝', '역겨', '역겹', '신나', '신났', '설레', '설렜', '속상', '서운', '외로', '외롭',
  '눈물', '울었', '웃음', '웃었', '좋았', '좋아', '싫어', '싫었', '힘들', '힘든', '피곤', '답답', '허탈', '서글', '쓸쓸', '뿌듯',
  '감사', '고마', '평화', '편안', '긴장', '당황', '분하', '억울', '실망', '후회'
]

const HANGUL_WORD = /^[\uac00-\ud7a3]+$/

function hasBatchim(syllable: string): boolean {
  return (syllable.charCodeAt(0) - 0xac00) % 28 !== 0
}

/** The topic word of one 어절, or null. */
export function wordStem(token: string): string | null {
  const word = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
  if (!HANGUL_WORD.test(word)) return null
  let stem = word
  if (!NOUNS_ENDING_IN_I.has(word)) {
    for (const suffix of SUFFIXES) {
      if (!word.endsWith(suffix) || word.length - suffix.length < 2) continue
      const rest = word.slice(0, -suffix.length)
      // 이 and 을/은 follow a final consonant, 가 and 를/는 a vowel: 남편이 → 남편, but 나이 stays.
      const last = rest.slice(-1)
      if ((suffix === '이' || suffix === '을' || suffix === '은') && !hasBatchim(last)) continue
      if ((suffix === '가' || suffix === '를' || suffix === '는') && hasBatchim(last)) continue
      stem = rest
      break
    }
  }
  // Names take 이 after a final consonant (하준이가, 하준이를): 하준 either way.
  if (stem !== word && stem.endsWith('이') && stem.length >= 3 && !NOUNS_ENDING_IN_I.has(stem) && hasBatchim(stem.slice(-2, -1))) stem = stem.slice(0, -1)
  if (stem.length < 2 || STOPWORDS.has(stem)) return null
  if (PREDICATE_ENDINGS.has(stem.slice(-1))) return null
  if (stem.endsWith('니') && !NOUNS_ENDING_IN_NI.has(stem)) return null
  if (FEELING_STEMS.some((f) => stem.startsWith(f))) return null
  return stem
}

/** Stems of tokens already seen: a diary repeats its words, and a year's reflections meet them again. */
const stemCache = new Map<string, string | null>()
const STEM_CACHE_LIMIT = 50_000

/** The distinct topic words of a text. */
export function topicWords(text: string): Set<string> {
  const out = new Set<string>()
  for (const token of text.split(/\s+/)) {
    let stem = stemCache.get(token)
    if (stem === undefined) {
      if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear()
      stemCache.set(token, (stem = wordStem(token)))
    }
    if (stem) out.add(stem)
  }
  return out
}
