import {
  diagnoseLayer,
  layerMistakeCandidates,
  shapeMistakeCandidates,
  totalMistakeCandidates,
  type MistakeCandidate,
} from '../mistakes';
import { allExact, isExact } from '../exact';
import type { PracticeItem } from '../practice-set';

/** A wrong count a diagnosed mistake gives, with what every mistake giving it says. */
export interface CountMistake {
  count: number;
  /** The mistakes' codes, each once, in the order the domain lists them. */
  codes: string[];
  /** Their messages, each once, joined: what an exported question shows for this answer. */
  feedback: string;
}

/** A wrong output shape a diagnosed mistake gives, with what every mistake giving it says. */
export interface ShapeMistakeAnswer {
  shape: number[];
  codes: string[];
  feedback: string;
}

/** The messages of several mistakes giving one value, as one feedback: `a` → `a`; `a`, `b` → `a Or: b`. */
const joined = (messages: readonly string[]) => messages.join(' Or: ');

/**
 * Groups candidates by value, one entry per value (two mistakes giving the same number are one answer
 * whose feedback names both), leaving out values a numerical question cannot hold exactly.
 */
function byValue(candidates: readonly { code: string; value: number; message: string }[]): CountMistake[] {
  const groups = new Map<number, { codes: string[]; messages: string[] }>();
  for (const { code, value, message } of candidates) {
    // A value past 2^53 − 1 is not known exactly (`exact.ts`), and Moodle and Canvas read numbers as doubles.
    if (!isExact(value)) continue;
    const group = groups.get(value) ?? { codes: [], messages: [] };
    if (!group.codes.includes(code)) group.codes.push(code);
    if (!group.messages.includes(message)) group.messages.push(message);
    groups.set(value, group);
  }
  return [...groups].map(([value, { codes, messages }]) => ({
    count: value,
    codes,
    feedback: joined(messages),
  }));
}

/**
 * The wrong counts of layer `index` that Learnable diagnoses, each with its mistakes' feedback: for the textbook's
 * first conv layer (56 parameters), `{ count: 54, codes: ['forgot-biases'], … }` among others. Besides the
 * candidates, 0 for a layer that learns (the quiz names that mistake too); never the right count.
 */
export function layerCountMistakes(item: PracticeItem, index: number): CountMistake[] {
  const { network, report } = item;
  const at = report.layers[index];
  if (!at) return [];
  const candidates: MistakeCandidate[] = layerMistakeCandidates(network, report, index, report.convention);
  const values = new Set([...candidates.map((c) => c.value).filter(isExact), ...(at.params > 0 ? [0] : [])]);
  // What the quiz says for each value is the diagnosis of that answer, plus every candidate giving it.
  const diagnosed = [...values].flatMap((value) => [
    ...candidates.filter((c) => c.value === value),
    ...diagnoseLayer(network, report, index, BigInt(value), report.convention).map((m) => ({ ...m, value })),
  ]);
  return byValue(diagnosed).filter((m) => m.count !== at.params);
}

/** The wrong totals Learnable diagnoses (a layer left out or counted twice, trainable only), with their feedback. */
export function totalCountMistakes(item: PracticeItem): CountMistake[] {
  return byValue(totalMistakeCandidates(item.report)).filter((m) => m.count !== item.report.totals.params);
}

/**
 * The wrong output shapes of layer `index` that Learnable diagnoses, one per shape, each with its feedback:
 * for a valid 3×3 convolution of 15×16×3 to 8 filters, 15×16×8 (`same-instead-of-valid`) among others.
 */
export function shapeMistakeAnswers(item: PracticeItem, index: number): ShapeMistakeAnswer[] {
  const groups = new Map<string, ShapeMistakeAnswer & { messages: string[] }>();
  for (const { code, shape, message } of shapeMistakeCandidates(item.network, item.report, index)) {
    // A size past 2^53 − 1 is not known exactly (`exact.ts`): such a shape is no answer to offer.
    if (!allExact(shape)) continue;
    const key = shape.join('×');
    const group = groups.get(key) ?? { shape: [...shape], codes: [], messages: [], feedback: '' };
    if (!group.codes.includes(code)) group.codes.push(code);
    if (!group.messages.includes(message)) group.messages.push(message);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ messages, ...rest }) => ({ ...rest, feedback: joined(messages) }));
}
