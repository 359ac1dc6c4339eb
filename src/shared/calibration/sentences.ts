/**
 * What the wizard asks the user to read: short, emotionally flat, everyday Korean sentences with a
 * broad mix of vowels and consonants, each long enough for about 2 s of voiced speech at a calm pace.
 */
export const CALIBRATION_SENTENCES: readonly string[] = [
  '오늘은 아침 일곱 시에 일어나서 물을 한 잔 마셨습니다.',
  '버스 정류장까지는 걸어서 십 분 정도 걸립니다.',
  '점심으로 김치찌개와 밥을 먹고 커피를 마셨습니다.',
  '도서관은 월요일부터 금요일까지 저녁 여섯 시에 문을 닫습니다.',
  '내일 날씨는 대체로 맑고 오후에 바람이 조금 분다고 합니다.',
  '책상 위에는 공책 두 권과 연필 세 자루가 놓여 있습니다.'
]
