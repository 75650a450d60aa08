import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { CountAnswer, ScoreRequest } from '../../src/domain/schema/score-request';
import { answerCountProblems } from '../../src/domain/resolve-network';
import { countValue, scoreAnswers } from '../../src/domain/score-answers';
import { TEXTBOOK_NETWORK } from '../../src/domain/textbook-network';

const network = TEXTBOOK_NETWORK;

/** Validates a request with the real schema and scores it. */
function score(answers: unknown) {
  const request = ScoreRequest.parse({ network, ...(answers === undefined ? {} : { answers }) });
  const report = request.network && analyzeNetwork(request.network);
  if (!request.network || !report?.ok) throw new Error('the textbook network is valid');
  return scoreAnswers(request.network, report.value as NetworkReport, request.answers);
}

describe('countValue', () => {
  test.each([
    [56, 56n],
    ['2402', 2402n],
    ['2,402', 2402n],
    ['1 200 000', 1200000n],
    ['1_200', 1200n],
    ['  57 ', 57n],
  ])('reads %j as %s', (answer, expected) => {
    const parsed = CountAnswer.parse(answer);
    expect(parsed === null ? null : countValue(parsed)).toBe(expected);
  });
});

describe('scoreAnswers', () => {
  test('gives full marks for 56, 57, 0, 2402 and 2515', () => {
    const report = score({ layers: [56, 57, 0, 2402], total: 2515 });
    expect(report.layers.map((l) => l.answer?.correct)).toEqual([true, true, true, true]);
    expect(report.total.answer?.correct).toBe(true);
    expect(report.score).toEqual({ correct: 5, carriedForward: 0, answered: 5, possible: 5 });
  });

  test('accepts digit strings with thousands separators', () => {
    const report = score({ layers: ['56', '57', '0', '2,402'], total: '2,515' });
    expect(report.score?.correct).toBe(5);
  });

  test('flags a wrong layer and keeps what was submitted', () => {
    // Forgetting the biases of the dense layer: 1200 × 2 = 2400.
    const report = score({ layers: [56, 57, 0, 2400], total: 2515 });
    expect(report.layers[3]?.answer).toMatchObject({ submitted: 2400, correct: false });
    expect(report.layers[3]?.answer?.mistakes?.map((m) => m.code)).toEqual(['forgot-biases']);
    expect(report.layers[3]?.params).toBe(2402);
    expect(report.score).toEqual({ correct: 4, carriedForward: 0, answered: 5, possible: 5 });
  });

  test('says honestly when a wrong answer matches no known mistake', () => {
    const report = score({ layers: [55555, null, null, null] });
    expect(report.layers[0]?.answer?.mistakes).toEqual([]);
    expect(report.layers[0]?.answer?.feedback).toMatch(/does not match any mistake we know/);
  });

  test('gives a right answer no diagnosis', () => {
    const report = score({ layers: [56, null, null, null] });
    expect(report.layers[0]?.answer).toEqual({ submitted: 56, correct: true });
  });

  test('leaves unanswered layers without a verdict and out of the answered count', () => {
    const report = score({ layers: [56, null, null, null] });
    expect(report.layers[1]?.answer).toBeUndefined();
    expect(report.total.answer).toBeUndefined();
    expect(report.score).toEqual({ correct: 1, carriedForward: 0, answered: 1, possible: 5 });
  });

  test('scores output shapes when they are asked, and counts them as questions', () => {
    const report = score({
      layers: [56, 57, 0, 2402],
      total: 2515,
      outputShapes: [[20, 20, 2], [20, 20, 3], [1200], [1]],
    });
    expect(report.layers.map((l) => l.outputShapeAnswer?.correct)).toEqual([true, true, true, false]);
    expect(report.score).toEqual({ correct: 8, carriedForward: 0, answered: 9, possible: 9 });
  });

  test('gives a shape with the wrong rank no credit', () => {
    const report = score({ outputShapes: [[20, 20], null, null, null] });
    expect(report.layers[0]?.outputShapeAnswer?.correct).toBe(false);
  });

  test('returns the counts alone, without a score, when nothing was answered', () => {
    const report = score(undefined);
    expect(report.score).toBeUndefined();
    expect(report.total.params).toBe(2515);
  });

  test('compares huge answers exactly rather than through floating point', () => {
    // 2^53 + 1 rounds to 2^53 as a double; as digits it must stay wrong for 2515.
    const report = score({ total: '9007199254740993' });
    expect(report.total.answer?.correct).toBe(false);
  });
});

describe('ScoreRequest', () => {
  test('requires one answer per layer, pointing at answers.layers', () => {
    const [problem] = answerCountProblems(4, { layers: [56, 57] });
    expect(problem?.path).toEqual(['answers', 'layers']);
    expect(problem?.message).toMatch(/expected 4 answers, one per layer, but got 2/);
    expect(answerCountProblems(4, { layers: [56, 57, null, null], outputShapes: [null, null, null, null] })).toEqual(
      [],
    );
  });

  test('takes either a network or a Keras model, not both, not neither', () => {
    expect(ScoreRequest.safeParse({}).error?.issues[0]?.path).toEqual(['network']);
    expect(ScoreRequest.safeParse({ network, kerasModel: {} }).error?.issues[0]?.path).toEqual(['kerasModel']);
  });

  test.each(['2.5', '-3', '12a', '24,02', '', 'NaN'])('refuses the answer %j as not a count', (answer) => {
    const result = ScoreRequest.safeParse({ network, answers: { total: answer } });
    expect(result.error?.issues[0]?.path).toEqual(['answers', 'total']);
  });
});
