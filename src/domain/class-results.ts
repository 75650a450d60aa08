import { assignmentSummary } from './assignment';
import { isLayerType } from './layers';
import { KERAS_NAMES } from './layer-summary';
import { MISTAKE_LABELS } from './mistake-labels';
import type { ClassResults, JudgedNetwork, StoredAssignment, StoredAttempt } from './schema/assignment';

/** One student's attempts, as the store lists them under their submission id. */
export interface StudentAttempts {
  submissionId: string;
  /** At least one; any order. The first and the latest are enough for the results. */
  attempts: StoredAttempt[];
  /** How many attempts the student made, when `attempts` holds only some of them. */
  attemptCount?: number;
}

/** The "type" a mistake on the total is counted under. */
const TOTAL = 'total';

/** A mistake code in words: `mistakeLabel('forgot-biases') → 'forgot biases'` (a code not known yet: its words). */
export const mistakeLabel = (code: string): string =>
  (MISTAKE_LABELS as Record<string, string | undefined>)[code] ?? code.replaceAll('-', ' ');

/** A layer type as Keras names it: `typeName('conv2d') → 'Conv2D'`, `typeName('total') → 'Total'`. */
export const typeName = (type: string) => (type === TOTAL ? 'Total' : isLayerType(type) ? KERAS_NAMES[type] : type);

/** Where a mistake was made, in words: `placeText('dense') → 'Dense layers'`, `placeText('total') → 'the total'`. */
const placeText = (type: string) => (type === TOTAL ? 'the total' : `${typeName(type)} layers`);

/**
 * One line a teacher can read: `'forgot biases: 14 of 30 students, mostly on Dense layers'`;
 * "on" when one place has them all, "mostly on" when one has more than half, else the two commonest.
 */
export function mistakeSummary(
  label: string,
  students: number,
  classSize: number,
  places: readonly { type: string; occurrences: number }[],
): string {
  const all = places.reduce((sum, p) => sum + p.occurrences, 0);
  const [first, second] = places;
  const where =
    !first || all === 0
      ? ''
      : places.length === 1
        ? `, on ${placeText(first.type)}`
        : first.occurrences * 2 > all
          ? `, mostly on ${placeText(first.type)}`
          : `, on ${placeText(first.type)} and ${second ? placeText(second.type) : ''}`;
  return `${label}: ${students} of ${classSize} student${classSize === 1 ? '' : 's'}${where}`;
}

/** Every judged answer of a network, with the layer type it is counted under and its mistake codes. */
function answersOf(network: JudgedNetwork) {
  const answers: { type: string; correct: boolean; mistakes: string[]; carriedForward: boolean }[] = [];
  for (const layer of network.layers) {
    for (const verdict of [layer.answer, layer.shapeAnswer]) {
      if (verdict) answers.push({ type: layer.type, ...verdict, carriedForward: !!verdict.carriedForward });
    }
  }
  if (network.total.answer)
    answers.push({ type: TOTAL, ...network.total.answer, carriedForward: !!network.total.answer.carriedForward });
  return answers;
}

const byAttempt = (a: StoredAttempt, b: StoredAttempt) => a.attempt - b.attempt;
const add = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);
const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

/**
 * What the instructor sees: every student's latest attempt (the one that counts) with its score per
 * network, and over the class's first attempts (what each student did before any feedback) the
 * mistakes, the layer types and the networks from hardest to easiest.
 * Pure: `classResults(assignment, students, { open, studentUrl })`.
 */
export function classResults(
  assignment: StoredAssignment,
  students: readonly StudentAttempts[],
  context: { open: boolean; studentUrl: string },
): ClassResults {
  const present = students
    .filter((s) => s.attempts.length > 0)
    .map((s) => ({ ...s, attempts: [...s.attempts].sort(byAttempt) }))
    // In the order they first submitted; the submission id breaks a tie.
    .sort(
      (a, b) =>
        (a.attempts[0]?.submittedAt ?? '').localeCompare(b.attempts[0]?.submittedAt ?? '') ||
        a.submissionId.localeCompare(b.submissionId),
    );

  const rows = present.map(({ submissionId, attempts, attemptCount }) => {
    const first = attempts[0] as StoredAttempt;
    const latest = attempts[attempts.length - 1] as StoredAttempt;
    const score = { correct: 0, carriedForward: 0, answered: 0, possible: 0 };
    const networks = latest.networks.map((network) => {
      for (const key of ['correct', 'carriedForward', 'answered', 'possible'] as const)
        score[key] += network.score[key];
      return {
        index: network.index,
        ...network.score,
        mistakes: answersOf(network).flatMap((a) => (a.correct ? [] : a.mistakes)),
      };
    });
    return {
      submissionId,
      displayName: latest.displayName,
      attempts: attemptCount ?? attempts.length,
      submittedAt: latest.submittedAt,
      firstSubmittedAt: first.submittedAt,
      score,
      networks,
    };
  });

  // The class's picture, from first attempts.
  const mistakeStudents = new Map<string, number>();
  const mistakeOccurrences = new Map<string, number>();
  const mistakePlaces = new Map<string, Map<string, number>>();
  const typeAnswers = new Map<string, number>();
  const typeWrong = new Map<string, number>();
  const typeStudents = new Map<string, number>();
  const networkTotals = new Map<
    number,
    { level: JudgedNetwork['level']; correct: number; possible: number; fullMarks: number }
  >();
  for (const { attempts } of present) {
    const first = attempts[0] as StoredAttempt;
    const made = new Set<string>();
    const wrongTypes = new Set<string>();
    for (const network of first.networks) {
      const totals = networkTotals.get(network.index) ?? {
        level: network.level,
        correct: 0,
        possible: 0,
        fullMarks: 0,
      };
      totals.correct += network.score.correct;
      totals.possible += network.score.possible;
      if (network.score.correct === network.score.possible) totals.fullMarks++;
      networkTotals.set(network.index, totals);
      for (const answer of answersOf(network)) {
        add(typeAnswers, answer.type);
        if (answer.correct) continue;
        add(typeWrong, answer.type);
        wrongTypes.add(answer.type);
        // An answer that only follows from an earlier slip is not a misconception of its own.
        if (answer.carriedForward) continue;
        for (const code of answer.mistakes) {
          made.add(code);
          add(mistakeOccurrences, code);
          const places = mistakePlaces.get(code) ?? new Map<string, number>();
          add(places, answer.type);
          mistakePlaces.set(code, places);
        }
      }
    }
    for (const code of made) add(mistakeStudents, code);
    for (const type of wrongTypes) add(typeStudents, type);
  }
  const classSize = present.length;
  const mistakes = sorted(mistakeStudents).map(([code, count]) => {
    const layerTypes = sorted(mistakePlaces.get(code) ?? new Map()).map(([type, occurrences]) => ({
      type,
      occurrences,
    }));
    const label = mistakeLabel(code);
    return {
      code,
      label,
      students: count,
      occurrences: mistakeOccurrences.get(code) ?? 0,
      layerTypes,
      summary: mistakeSummary(label, count, classSize, layerTypes),
    };
  });
  const layerTypes = sorted(typeAnswers).map(([type, answers]) => ({
    type,
    name: typeName(type),
    answers,
    wrong: typeWrong.get(type) ?? 0,
    students: typeStudents.get(type) ?? 0,
  }));
  // Hardest first: the lowest share of right answers (compared exactly, by cross-multiplying).
  const networks = [...networkTotals]
    .map(([index, t]) => ({ index, ...t }))
    .sort((a, b) => a.correct * b.possible - b.correct * a.possible || a.index - b.index);

  return {
    apiVersion: '1',
    assignment: { ...assignmentSummary(assignment), open: context.open, studentUrl: context.studentUrl },
    students: rows,
    class: { students: classSize, basis: 'first-attempts', mistakes, layerTypes, networks },
  };
}
