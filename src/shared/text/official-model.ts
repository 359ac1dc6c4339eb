/**
 * The seed's official text model (klue/roberta-base fine-tuned on six AIHub-style emotions). It
 * cannot be downloaded here; this is the manifest template for when a user imports an ONNX export
 * of it, with the seed's label order and its label-to-canonical matrix.
 */
import { sequenceClassifierInput, type TextModelManifest } from '../models/manifest'

export const OFFICIAL_TEXT_LABELS = ['기쁨', '당황', '분노', '불안', '상처', '슬픔'] as const

/**
 * Rows: ANGRY, SAD, DISGUST, HAPPY, FEAR, SURPRISE, NEUTRAL; columns: OFFICIAL_TEXT_LABELS.
 * Every column sums to 1, so each label's probability is shared out, never created or lost;
 * the model has no neutral label, hence the zero NEUTRAL row.
 */
export const OFFICIAL_TEXT_CANONICAL_MATRIX: readonly (readonly number[])[] = [
  [0, 0, 1, 0, 0.2, 0], // ANGRY    ← 분노, part of 상처
  [0, 0, 0, 0, 0.6, 1], // SAD      ← 슬픔, most of 상처
  [0, 0, 0, 0, 0.2, 0], // DISGUST  ← part of 상처
  [1, 0, 0, 0, 0, 0], //   HAPPY    ← 기쁨
  [0, 0.3, 0, 0.8, 0, 0], // FEAR   ← 불안, part of 당황
  [0, 0.7, 0, 0.2, 0, 0], // SURPRISE ← most of 당황, part of 불안
  [0, 0, 0, 0, 0, 0] //    NEUTRAL
]

/**
 * A known vector of the KLUE tokenizer the official model needs (from ../shared/tokenizers/README.md),
 * for a loader test once such a pack is imported.
 */
export const KLUE_TOKENIZER_CHECK = {
  text: '토크나이저는 텍스트를 토큰 단위로 나눈다',
  inputIds: [0, 9157, 7461, 2190, 2259, 8509, 2138, 1793, 2855, 5385, 2200, 20950, 2]
} as const

export function officialTextManifestTemplate(
  overrides: Partial<Pick<TextModelManifest, 'id' | 'name' | 'version' | 'provenance'>> = {}
): TextModelManifest {
  return {
    formatVersion: 1,
    kind: 'text',
    id: overrides.id ?? 'klue-roberta-emotion-official',
    name: overrides.name ?? 'KLUE RoBERTa-base emotion classifier (official seed model)',
    version: overrides.version ?? '1.0.0',
    license: 'see the model publisher',
    description: 'Six AIHub-style emotions; an ONNX export of RobertaForSequenceClassification.',
    labels: [...OFFICIAL_TEXT_LABELS],
    canonicalMatrix: OFFICIAL_TEXT_CANONICAL_MATRIX.map((row) => [...row]),
    input: sequenceClassifierInput(),
    provenance: overrides.provenance ?? { source: 'klue/roberta-base fine-tuned by the seed project (imported by the user)' }
  }
}
