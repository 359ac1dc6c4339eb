/**
 * Regression cases (regression-cases.ts) the shipped model still gets wrong, each with the reason.
 * Kept short and honest: a case leaves this list only when the model gets it right (the test then
 * fails until it is removed here), never by editing the case. MODEL_CARD.md reports this list.
 */
export const KNOWN_FAILURES: Readonly<Record<string, string>> = {}
