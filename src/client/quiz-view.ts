import type { NetworkReport } from '../domain/analyze-network';
import { describeLayer, KERAS_NAMES, shapeText } from '../domain/layer-summary';
import type { Convention } from '../domain/layer-rules';
import type { QuizLevel } from '../domain/quiz-generator';
import type { Network } from '../domain/schema/network';
import type { ScoredLayer, ScoreReport, Verdict } from '../domain/score-answers';
import { escapeMarkup as escape } from '../domain/escape-markup';

/** Everything the quiz shows about one network before it is checked. */
export interface QuizModel {
  level: QuizLevel;
  network: Network;
  /** The exact counts by Keras's rules. */
  report: NetworkReport;
  /** Whether output shapes are asked too (the quiz from level 2; a practice set when its teacher chose so). */
  shapes: boolean;
}

/** Whether the learner also types output shapes: from level 2 on. */
export const asksShapes = (level: QuizLevel) => level >= 2;

/** Columns of the answers table, for `colspan`: one more when shapes are asked. */
export const columnCount = (shapes: boolean) => (shapes ? 5 : 4);

const NAMES: Record<Convention, string> = { keras: 'Keras', pytorch: 'PyTorch' };

/** The rule the learner is asked to count by, as HTML for the hint above the answers. */
export function conventionHint(convention: Convention): string {
  return convention === 'keras'
    ? "Counts follow Keras's <strong>Param #</strong>: batch normalization counts all four numbers per channel."
    : "Counts follow PyTorch's <strong>parameters()</strong>: batch normalization counts γ and β only, two per channel (its running mean and variance are buffers).";
}

/**
 * Which rules a check used, said once beside the score:
 * `conventionNote('pytorch')` → `"Counted by PyTorch's rules. Only batch normalization counts differently in Keras
 * (PyTorch: 2 per channel, Keras: 4); every other layer counts the same in both."`.
 */
export function conventionNote(convention: Convention): string {
  const other: Convention = convention === 'keras' ? 'pytorch' : 'keras';
  const perChannel: Record<Convention, number> = { keras: 4, pytorch: 2 };
  return (
    `Counted by ${NAMES[convention]}'s rules. Only batch normalization counts differently in ${NAMES[other]} ` +
    `(${NAMES[convention]}: ${perChannel[convention]} per channel, ${NAMES[other]}: ${perChannel[other]}); ` +
    'every other layer counts the same in both.'
  );
}

/** The accessible name of a layer's count field: `'Parameters of layer 2 (Conv2D)'`. */
export const countLabel = (index: number, type: keyof typeof KERAS_NAMES) =>
  `Parameters of layer ${index + 1} (${KERAS_NAMES[type]})`;

/** The accessible name of a layer's output shape field: `'Output shape of layer 2 (Conv2D)'`. */
export const shapeLabel = (index: number, type: keyof typeof KERAS_NAMES) =>
  `Output shape of layer ${index + 1} (${KERAS_NAMES[type]})`;

const field = (id: string, label: string, inputmode: 'numeric' | 'text', placeholder: string) =>
  `<label class="cell-label" for="${id}">${escape(label)}</label>` +
  `<input id="${id}" name="${id}" type="text" inputmode="${inputmode}" autocomplete="off" spellcheck="false" ` +
  `maxlength="40"${placeholder ? ` placeholder="${placeholder}"` : ''} aria-describedby="${id}-error">` +
  `<p class="field-error" id="${id}-error"></p>`;

/** The table body of a quiz: one row per layer with its fields, and a hidden feedback row under it. */
export function layerRows({ shapes, network, report }: QuizModel): string {
  return report.layers
    .map((layer, i) => {
      const config = network.layers[i];
      const inputShape =
        i === 0 || !shapes ? shapeText(layer.inputShape) : `<span class="from-previous">output of layer ${i}</span>`;
      const shapeCell = shapes
        ? `<td class="answer-cell" role="cell">${field(`shape-${i}`, shapeLabel(i, layer.type), 'text', 'h×w×c')}</td>`
        : '';
      return (
        `<tbody class="layer" role="rowgroup" data-layer="${i}">` +
        `<tr class="layer-row" role="row"><td class="layer-index" role="cell">${i + 1}</td>` +
        `<th scope="row" role="rowheader" class="layer-cell"><span class="layer-name">${KERAS_NAMES[layer.type]}</span>` +
        `<span class="visually-hidden">: </span>` +
        `<span class="layer-config">${escape(config ? describeLayer(config) : '')}</span></th>` +
        `<td class="shape-cell" role="cell"><span class="cell-label" aria-hidden="true">Input shape </span>` +
        `<span data-input-shape>${inputShape}</span></td>` +
        shapeCell +
        `<td class="answer-cell" role="cell">${field(`count-${i}`, countLabel(i, layer.type), 'numeric', '')}</td></tr>` +
        `<tr class="feedback-row" role="row" hidden><td role="cell" colspan="${columnCount(shapes)}">` +
        `<div class="feedback" id="feedback-${i}"></div></td></tr></tbody>`
      );
    })
    .join('');
}

/** The total's field, in the table footer. */
export function totalRow(shapes: boolean): string {
  return (
    `<tr class="total-row" role="row"><td role="cell"></td><th scope="row" role="rowheader" class="layer-cell"><span class="layer-name">Total</span>` +
    `<span class="layer-config">all layers</span></th>` +
    `<td class="shape-cell" role="cell" colspan="${columnCount(shapes) - 3}"></td>` +
    `<td class="answer-cell" role="cell">${field('count-total', 'Total parameters', 'numeric', '')}</td></tr>` +
    `<tr class="feedback-row" role="row" hidden><td role="cell" colspan="${columnCount(shapes)}">` +
    `<div class="feedback" id="feedback-total"></div></td></tr>`
  );
}

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function verdict(
  what: string,
  answer: (Verdict<unknown> & { feedback?: string | undefined }) | undefined,
  expected: string,
): string {
  if (!answer) {
    return `<p class="verdict is-missing"><span aria-hidden="true">–</span> ${what}: not answered; it is ${expected}.</p>`;
  }
  if (answer.correct) {
    return `<p class="verdict is-good"><span aria-hidden="true">✓</span> ${what}: correct, ${expected}.</p>`;
  }
  const submitted = Array.isArray(answer.submitted) ? shapeText(answer.submitted) : String(answer.submitted);
  return (
    `<p class="verdict is-bad"><span aria-hidden="true">✗</span> ${what}: not quite. ` +
    `You wrote ${escape(submitted)}; the answer is ${expected}.</p>` +
    (answer.feedback ? `<p class="diagnosis">${escape(answer.feedback)}</p>` : '')
  );
}

/** Feedback on one scored layer: verdicts, the expected values and the worked arithmetic. */
export function layerFeedback(layer: ScoredLayer, shapes: boolean): string {
  const shape = shapes ? verdict('Output shape', layer.outputShapeAnswer, shapeText(layer.outputShape)) : '';
  return (
    verdict('Parameters', layer.answer, grouped(layer.params)) +
    shape +
    `<p class="work"><span class="visually-hidden">Arithmetic: </span>${escape(layer.explanation)}</p>`
  );
}

/** Feedback on the total. */
export function totalFeedback(total: ScoreReport['total']): string {
  return (
    verdict('Total', total.answer, grouped(total.params)) +
    `<p class="work"><span class="visually-hidden">Arithmetic: </span>${escape(total.explanation)}</p>`
  );
}

/** Whether every question on a layer that was answered is right, and all were answered. */
export function layerCorrect(layer: ScoredLayer, shapes: boolean): boolean {
  return !!layer.answer?.correct && (!shapes || !!layer.outputShapeAnswer?.correct);
}
