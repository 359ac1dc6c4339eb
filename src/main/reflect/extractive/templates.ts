/**
 * Every sentence the extractive reflector says, in Korean and English, as fixed templates with
 * the numbers filled in. Nothing here is generated; a claim about what goes with what never uses
 * causal words (때문에, 덕분에, because, makes).
 */
import type { Localized } from '../../../shared/api/reflections-schemas'
import type { CanonicalEmotion } from '../../../shared/emotions'
import type { Period } from '../../../shared/reflect/period'
import { count, dayEn, dayKo, EMOTION_EN_NOUN, EMOTION_KO, PERIOD_WORDS, periodNameEn, periodNameKo, pct, withParticle, type Particle } from '../../../shared/reflect/phrases'

const L = (ko: string, en: string): Localized => ({ ko, en })
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
/** "기쁨(42%)이": the particle follows the name, the figure sits between. */
const koShare = (e: CanonicalEmotion, share: number, particle: Particle): string =>
  withParticle(EMOTION_KO[e], particle).replace(EMOTION_KO[e], `${EMOTION_KO[e]}(${pct(share)}%)`)
const datesKo = (dates: readonly string[]): string => dates.map(dayKo).join(', ')
const datesEn = (dates: readonly string[]): string => dates.map(dayEn).join(', ')
const prevKo = (p: Period) => PERIOD_WORDS[p.kind].ko.previous
const prevEn = (p: Period) => PERIOD_WORDS[p.kind].en.previous

export const reflectorNote = L(
  '일기에 쓴 문장과 저장된 감정 분석만으로 만든 돌아보기예요. 새 문장을 지어내지 않고, 정해진 문장 틀에 숫자를 채우고 쓴 문장을 그대로 인용해요.',
  'Made only from your entries and their stored readings: fixed sentence templates filled with the numbers, and your own sentences quoted as written. Nothing is generated.'
)

export const notices = {
  nothingWritten: L('이 기간에는 쓴 일기가 없어요.', 'Nothing was written in this period.'),
  unanalysed: (dates: readonly string[], written: number) =>
    L(
      `쓴 날 ${written}일 중 ${dates.length}일(${datesKo(dates)})은 아직 감정 분석이 되지 않아 이 돌아보기에서 빠졌어요.`,
      `${dates.length} of the ${written} days you wrote (${datesEn(dates)}) ${dates.length === 1 ? 'is' : 'are'} not analysed yet and ${dates.length === 1 ? 'is' : 'are'} left out.`
    ),
  stale: (dates: readonly string[]) =>
    L(
      `${dates.length}일(${datesKo(dates)})은 글을 고친 뒤 아직 다시 분석되지 않아, 고치기 전의 분석을 썼어요.`,
      `${dates.length} day${dates.length === 1 ? '' : 's'} (${datesEn(dates)}) changed after being analysed; the earlier reading is used until the next analysis.`
    )
}

export const mix = {
  title: L('감정의 흐름', 'The mix of feelings'),
  basis: (days: number) => L(`분석된 ${days}일의 감정 비율을 평균했어요.`, `Averaged over ${days} analysed day${days === 1 ? '' : 's'}.`),
  noDays: L('이 기간에는 분석된 날이 없어서 감정 비율을 보여 줄 수 없어요.', 'No day in this period is analysed, so there is no mix to show.'),
  top: (p: Period, leading: readonly { emotion: CanonicalEmotion; share: number }[]) => {
    const [first, ...rest] = leading
    if (!first) return null
    const koHead = `${periodNameKo(p)}에는 ${koShare(first.emotion, first.share, '이/가')} 가장 컸`
    const enHead = `In ${periodNameEn(p)}, ${EMOTION_EN_NOUN[first.emotion]} was the largest share (${pct(first.share)}%)`
    if (rest.length === 0) return L(`${koHead}어요.`, `${enHead}.`)
    // "A과 B이" for two, "A, B, C이" for more: Korean does not chain 과/와.
    const koRest =
      rest.length === 2
        ? `${koShare(rest[0]!.emotion, rest[0]!.share, '과/와')} ${koShare(rest[1]!.emotion, rest[1]!.share, '이/가')}`
        : rest.map((x, i) => (i === rest.length - 1 ? koShare(x.emotion, x.share, '이/가') : `${EMOTION_KO[x.emotion]}(${pct(x.share)}%)`)).join(', ')
    const enRest = rest.map((x) => `${EMOTION_EN_NOUN[x.emotion]} (${pct(x.share)}%)`)
    const enList = enRest.length === 1 ? enRest[0] : `${enRest.slice(0, -1).join(', ')} and ${enRest[enRest.length - 1]}`
    return L(`${koHead}고, ${koRest} 뒤를 이었어요.`, `${enHead}, followed by ${enList}.`)
  },
  calm: (p: Period, neutral: number) =>
    L(`${periodNameKo(p)}에는 대체로 평온했어요 (평온 ${pct(neutral)}%).`, `${periodNameEn(p)} was mostly calm (calm ${pct(neutral)}%).`),
  change: (p: Period, e: CanonicalEmotion, points: number) =>
    L(
      `${prevKo(p)}보다 ${withParticle(EMOTION_KO[e], '이/가')} ${Math.abs(points)}%p ${points > 0 ? '늘었어요' : '줄었어요'}.`,
      `${cap(EMOTION_EN_NOUN[e])} ${points > 0 ? 'rose' : 'fell'} ${Math.abs(points)} points from ${prevEn(p)}.`
    ),
  noChange: (p: Period, threshold: number) =>
    L(`${prevKo(p)}와 비교해 ${threshold}%p 넘게 달라진 감정은 없어요.`, `No feeling moved ${threshold} points or more from ${prevEn(p)}.`),
  noPrevious: (p: Period) =>
    L(`${prevKo(p)}에는 분석된 날이 없어서 비교하지 않았어요.`, `${cap(prevEn(p))} has no analysed days, so there is nothing to compare.`)
}

export const moments = {
  title: L('이 기간의 순간들', 'Moments'),
  method: L(
    '감정마다, 그 감정으로 읽힌 문장 가운데 이 기간에 같은 감정으로 쓴 다른 문장들과 가장 많이 닮았고(글자 조각의 TF-IDF) 그 감정이 뚜렷한 문장을 골라 고치지 않고 옮겼어요.',
    'For each leading feeling: the sentences read as it that most resemble your other sentences of that feeling in the period (TF-IDF over character n-grams) and carry it most clearly, quoted exactly as written.'
  ),
  group: (e: CanonicalEmotion, quoted: number, candidates: number) =>
    L(
      `${EMOTION_KO[e]}: ${EMOTION_KO[e]}으로 읽힌 문장 ${candidates}개 중 ${quoted}개`,
      `${cap(EMOTION_EN_NOUN[e])}: ${quoted} of ${candidates} sentence${candidates === 1 ? '' : 's'} read as ${EMOTION_EN_NOUN[e]}`
    ),
  none: L('인용할 만큼 감정이 뚜렷한 문장이 없었어요.', 'No sentence carried a feeling clearly enough to quote.')
}

const above = (points: number) => ({ ko: points > 0 ? '높았어요' : '낮았어요', en: points > 0 ? 'above' : 'below' })

export const associations = {
  title: L('함께 나타난 것', 'What goes with what'),
  tag: (tag: string, days: number, e: CanonicalEmotion, points: number) =>
    L(
      `#${tag} 태그가 있던 ${days}일은 평소보다 ${withParticle(EMOTION_KO[e], '이/가')} ${Math.abs(points)}%p ${above(points).ko}.`,
      `On the ${days} days tagged #${tag}, ${EMOTION_EN_NOUN[e]} was ${Math.abs(points)} points ${above(points).en} your average.`
    ),
  word: (word: string, days: number, e: CanonicalEmotion, points: number) =>
    L(
      `‘${word}’${withParticle(word, '이라는/라는').slice(word.length)} 말을 쓴 ${days}일은 평소보다 ${withParticle(EMOTION_KO[e], '이/가')} ${Math.abs(points)}%p ${above(points).ko}.`,
      `On the ${days} days you wrote ‘${word}’, ${EMOTION_EN_NOUN[e]} was ${Math.abs(points)} points ${above(points).en} your average.`
    ),
  basis: (averageDays: number, minDays: number) =>
    L(
      `평소는 지금까지 분석된 ${count(averageDays)}일의 평균이에요. ${minDays}일 이상인 것만 보여 줘요.`,
      `Your average is over all ${count(averageDays)} analysed days so far. Only things on ${minDays} or more days are shown.`
    ),
  caveat: L(
    '함께 나타났다는 것만 알려 줄 뿐, 무엇이 무엇의 원인인지는 말해 주지 않아요.',
    'This only shows what appeared together; it says nothing about what causes what.'
  ),
  none: (minDays: number, minPoints: number) =>
    L(
      `${minDays}일 이상 나온 태그나 낱말 가운데 평소와 ${minPoints}%p 넘게 다른 것은 없었어요.`,
      `No tag or word on ${minDays} or more days differed from your average by ${minPoints} points or more.`
    )
}

export const wordsVsVoice = {
  title: L('글과 목소리', 'Words and voice'),
  basis: (days: number) => L(`글과 목소리 분석이 모두 있는 날은 ${days}일이에요.`, `${days} day${days === 1 ? ' has' : 's have'} both a words and a voice reading.`),
  day: (date: string, words: CanonicalEmotion, voice: CanonicalEmotion, distance: number) =>
    L(
      `${dayKo(date)}에는 글은 ${EMOTION_KO[words]}, 목소리는 ${withParticle(EMOTION_KO[voice], '이/가')} 가장 컸어요 (차이 ${pct(distance)}%).`,
      `On ${dayEn(date)} your words read mostly as ${EMOTION_EN_NOUN[words]} and your voice as ${EMOTION_EN_NOUN[voice]} (difference ${pct(distance)}%).`
    ),
  similar: L('그 가운데 글과 목소리가 크게 다른 날은 없었어요.', 'On none of them did words and voice differ much.')
}

const SOURCE_KO = { text: '글', audio: '목소리', fused: '글과 목소리를 합친' } as const
const SOURCE_EN = { text: 'words', audio: 'voice', fused: 'combined' } as const

export const selfAgreement = {
  title: L('내가 고른 기분과 분석', 'Your check-ins and the readings'),
  basis: (checkIns: number) => L(`이 기간에 직접 고른 기분은 ${checkIns}일이에요.`, `You checked in your mood on ${checkIns} day${checkIns === 1 ? '' : 's'}.`),
  source: (source: keyof typeof SOURCE_KO, agreeing: number, days: number) =>
    L(
      `${SOURCE_KO[source]} 분석은 ${days}일 중 ${agreeing}일 같은 감정을 가장 크게 읽었어요 (${pct(agreeing / days)}%).`,
      `The ${SOURCE_EN[source]} reading agreed with you on ${agreeing} of ${days} day${days === 1 ? '' : 's'} (${pct(agreeing / days)}%).`
    ),
  noReadings: L('기분을 고른 날에 아직 분석이 없어요.', 'None of those days has a reading yet.')
}

export const writing = {
  title: L('기록', 'Writing'),
  days: (p: Period, written: number, inPeriod: number, previous: number) =>
    L(
      `${inPeriod}일 중 ${written}일 일기를 썼어요 (${prevKo(p)} ${previous}일).`,
      `You wrote on ${written} of ${inPeriod} days (${previous} ${prevEn(p)}).`
    ),
  characters: (p: Period, characters: number, perDay: number, previous: number) =>
    L(
      `모두 ${count(characters)}자, 쓴 날 하루 평균 ${count(perDay)}자예요 (${prevKo(p)} ${count(previous)}자).`,
      `${count(characters)} characters in all, ${count(perDay)} a day on the days you wrote (${count(previous)} ${prevEn(p)}).`
    ),
  longestRun: (days: number) => L(`가장 길게 이어 쓴 기록은 ${days}일이에요.`, `Your longest run was ${days} days in a row.`),
  streak: (date: string, days: number) => L(`${dayKo(date)}까지 ${days}일 연속으로 썼어요.`, `By ${dayEn(date)} you had written ${days} days in a row.`)
}
