import type { NetworkReport } from '../domain/analyze-network';
import { axesText, describeLayer, KERAS_NAMES, shapeText } from '../domain/layer-summary';
import { describeInNetwork, inputFromText, inputShapesText, sourcesOf } from '../domain/layer-inputs';
import type { Convention } from '../domain/layer-rules';
import type { LayerType } from '../domain/layers';
import type { QuizLevel } from '../domain/quiz-generator';
import type { Network } from '../domain/schema/network';
import type { ScoredLayer, ScoreReport, Verdict } from '../domain/score-answers';
import { escapeMarkup as escape } from '../domain/escape-markup';
import type { LessonLinks } from '../content/lesson-links';
import { blankWork, numbersIn } from '../domain/hint';

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

/**
 * A layer type whose count differs between the two conventions, with what each counts, in words:
 * the one place the client names such layers (the counts themselves come from the engine).
 */
const DIFFERS: Partial<Record<LayerType, Record<Convention, string>>> = {
  batchNormalization: {
    keras: 'batch normalization counts all four numbers per channel',
    pytorch: 'batch normalization counts γ and β only, two per channel (its running mean and variance are buffers)',
  },
  normalization: {
    keras: 'a Normalization layer counts the mean, variance and count that adapt() stores (none of them trained)',
    pytorch: 'a Normalization layer counts 0 (PyTorch has no such layer; stored statistics would be buffers)',
  },
};

/**
 * The rule the learner is asked to count by, as HTML for the hint above the answers; batch normalization
 * always, and the other layer types of this network that count differently (`differing`, from the engine).
 */
export function conventionHint(convention: Convention, differing: readonly LayerType[] = []): string {
  const rules = [
    'batchNormalization' as const,
    ...differing.filter((type, i) => type !== 'batchNormalization' && differing.indexOf(type) === i),
  ].flatMap((type) => DIFFERS[type]?.[convention] ?? []);
  const rule = convention === 'keras' ? "Keras's <strong>Param #</strong>" : "PyTorch's <strong>parameters()</strong>";
  return `Counts follow ${rule}: ${rules.join('; ')}.`;
}

/** A layer of one network that the two conventions count differently, with both counts. */
export interface DifferingLayer {
  index: number;
  type: LayerType;
  counts: Record<Convention, number>;
}

/**
 * The layers that Keras and PyTorch count differently, from the engine's two reports of one network:
 * for a conv2d and a batch normalization of 4 channels → `[{ index: 1, type: 'batchNormalization', counts: { keras: 16, pytorch: 8 } }]`.
 */
export function differingLayers(keras: NetworkReport, pytorch: NetworkReport): DifferingLayer[] {
  return keras.layers.flatMap((layer, i) => {
    const other = pytorch.layers[i];
    return other && other.params !== layer.params
      ? [{ index: i, type: layer.type, counts: { keras: layer.params, pytorch: other.params } }]
      : [];
  });
}

/**
 * Which rules a check used, said once beside the score, with this network's layers that the other
 * convention counts differently:
 * `conventionNote('pytorch', [{ index: 1, type: 'batchNormalization', counts: { keras: 16, pytorch: 8 } }])`
 * → `"Counted by PyTorch's rules. In Keras, layer 2 (BatchNormalization) would count 16 instead of 8;
 * every other layer counts the same in both."`.
 */
export function conventionNote(convention: Convention, differing: readonly DifferingLayer[]): string {
  const other: Convention = convention === 'keras' ? 'pytorch' : 'keras';
  const rules = `Counted by ${NAMES[convention]}'s rules.`;
  if (differing.length === 0) return `${rules} Every layer of this network counts the same in ${NAMES[other]}.`;
  const layers = differing.map(
    ({ index, type, counts }) =>
      `layer ${index + 1} (${KERAS_NAMES[type]}) would count ${counts[other]} instead of ${counts[convention]}`,
  );
  const listed = layers.length === 1 ? layers[0] : `${layers.slice(0, -1).join(', ')} and ${layers.at(-1)}`;
  return `${rules} In ${NAMES[other]}, ${listed}; every other layer counts the same in both.`;
}

/**
 * A network's input shape with its axes in words: `inputText([36, 4]) → '36×4 (steps × channels)'`,
 * `inputText([8, 8, 7, 2]) → '8×8×7×2 (depth × height × width × channels)'`.
 */
export const inputText = (input: readonly number[]) => `${shapeText(input)} (${axesText(input.length)})`;

interface ShapeExample {
  axes: string;
  example: string;
  placeholder: string;
}

const IMAGE: ShapeExample = { axes: 'height×width×channels', example: '18×18×2', placeholder: 'h×w×c' };

/** Examples of shapes, one per kind of input, as the hint and the placeholders write them. */
const SHAPE_EXAMPLES: Record<number, ShapeExample> = {
  2: { axes: 'steps×channels', example: '30×16', placeholder: 'steps×c' },
  3: IMAGE,
  4: { axes: 'depth×height×width×channels', example: '4×8×8×6', placeholder: 'd×h×w×c' },
};

/** The placeholder of the output shape fields, after the network's input: `shapePlaceholder(2) → 'steps×c'`. */
export const shapePlaceholder = (inputRank: number) => SHAPE_EXAMPLES[inputRank]?.placeholder ?? '';

/**
 * How to write output shapes for a network whose input has `inputRank` axes:
 * `shapeHint(2)` → `'Write output shapes as steps×channels (30×16, or 30x16), or a single number for a flat vector.'`.
 */
export function shapeHint(inputRank: number): string {
  const { axes, example } = SHAPE_EXAMPLES[inputRank] ?? IMAGE;
  return `Write output shapes as ${axes} (${example}, or ${example.replaceAll('×', 'x')}), or a single number for a flat vector.`;
}

/**
 * How Keras numbers axes, when a layer of the network names some (sharedAxes, axis): null otherwise.
 * `axesHint({ input: [36, 4], layers: [{ type: 'pReLU', sharedAxes: [1] }] })`
 * → `'Axes are numbered as in Keras: axis 0 is the batch, so axis 1 is the steps and axis 2 (or -1) the channels.'`.
 */
export function axesHint(network: Network): string | null {
  if (!network.layers.some((layer) => /\b(?:axis|axes) \[?-?\d/.test(describeLayer(layer)))) return null;
  const names = axesText(network.input.length, '|').split('|');
  const numbered = names.map((name, i) => `axis ${i + 1}${i === names.length - 1 ? ' (or -1)' : ''} the ${name}`);
  const listed = `${numbered.slice(0, -1).join(', ')} and ${numbered.at(-1) ?? ''}`.replace(
    /^axis 1 the/,
    'axis 1 is the',
  );
  return `Axes are numbered as in Keras: axis 0 is the batch, so ${listed}.`;
}

/**
 * A sentence for a network's summary when some layer takes other than the layer above it, else `''`:
 * the rows say which, so the learner knows to look (level 5's residual and inception blocks).
 */
export function branchingNote(report: NetworkReport): string {
  const branches = report.layers.some((layer) => sourcesOf(report, layer.index) !== null);
  return branches ? ' It branches and merges: a layer that does not take the layer above it says which it takes.' : '';
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
      const name = network.layers[i]?.name;
      // Shapes the learner works out are not given away: every input that is another layer's output when shapes
      // are asked, and otherwise a flat vector an earlier layer made (the flatten size a dense count depends on).
      const from = inputFromText(report, i);
      const given = from === null || (!shapes && layer.inputShape.length > 1);
      const inputShape = given ? inputShapesText(layer) : `<span class="from-previous">${from}</span>`;
      const placeholder = shapePlaceholder(network.input.length);
      const shapeCell = shapes
        ? `<td class="answer-cell" role="cell">${field(`shape-${i}`, shapeLabel(i, layer.type), 'text', placeholder)}</td>`
        : '';
      return (
        `<tbody class="layer" role="rowgroup" data-layer="${i}">` +
        `<tr class="layer-row" role="row"><td class="layer-index" role="cell">${i + 1}</td>` +
        `<th scope="row" role="rowheader" class="layer-cell"><span class="layer-name">${KERAS_NAMES[layer.type]}</span>` +
        (name === undefined ? '' : ` <span class="layer-id">${escape(name)}</span>`) +
        `<span class="visually-hidden">: </span>` +
        `<span class="layer-config">${escape(describeInNetwork(network.layers, report, i))}</span></th>` +
        `<td class="shape-cell" role="cell"><span class="cell-label" aria-hidden="true">Input shape </span>` +
        `<span data-input-shape>${inputShape}</span></td>` +
        shapeCell +
        `<td class="answer-cell" role="cell">${field(`count-${i}`, countLabel(i, layer.type), 'numeric', '')}` +
        `<button type="button" class="link-button hint-button" data-hint="${i}" aria-expanded="false" ` +
        `aria-controls="hint-${i}">Hint<span class="visually-hidden"> for layer ${i + 1}</span></button></td></tr>` +
        `<tr class="feedback-row" role="row" hidden><td role="cell" colspan="${columnCount(shapes)}">` +
        `<div class="hint-box" id="hint-${i}" hidden></div>` +
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

/** A verdict as the API gives it: right or wrong, with feedback, and whether it follows from an earlier slip. */
type ShownVerdict = Verdict<unknown> & {
  feedback?: string | undefined;
  carriedForward?: boolean | undefined;
  followsFrom?: number | undefined;
};

/** The id of the field that holds the slip of layer `index` (from 0): its shape when that is wrong, else its count. */
export type SlipField = (index: number) => string;

const countSlip: SlipField = (index) => `count-${index}`;

/**
 * Where a layer's slip is, from a check's verdicts: `slipFieldOf(scored)(0) → 'shape-0'` when layer 1's output
 * shape was answered wrong, else `'count-0'`.
 */
export const slipFieldOf =
  (scored: Pick<ScoreReport, 'layers'>): SlipField =>
  (index) => {
    const shape = scored.layers[index]?.outputShapeAnswer;
    return shape && !shape.correct ? `shape-${index}` : `count-${index}`;
  };

function verdict(what: string, answer: ShownVerdict | undefined, expected: string, slipField = countSlip): string {
  if (!answer) {
    return `<p class="verdict is-missing"><span aria-hidden="true">–</span> ${what}: not answered; it is ${expected}.</p>`;
  }
  if (answer.correct) {
    return `<p class="verdict is-good"><span aria-hidden="true">✓</span> ${what}: correct, ${expected}.</p>`;
  }
  const submitted = Array.isArray(answer.submitted) ? shapeText(answer.submitted) : String(answer.submitted);
  if (answer.carriedForward && answer.followsFrom !== undefined) {
    // Right for the learner's own earlier answer: said apart from a slip of its own, with the slip's layer linked.
    const slip = answer.followsFrom + 1;
    return (
      `<p class="verdict is-carried"><span aria-hidden="true">↪</span> ${what}: follows from layer ${slip}. ` +
      `You wrote ${escape(submitted)}; with every earlier answer right it is ${expected}.</p>` +
      `<p class="diagnosis">${escape(answer.feedback ?? '')} ${fieldLink(slipField(answer.followsFrom), `Go to layer ${slip}`)}</p>`
    );
  }
  return (
    `<p class="verdict is-bad"><span aria-hidden="true">✗</span> ${what}: not quite. ` +
    `You wrote ${escape(submitted)}; the answer is ${expected}.</p>` +
    (answer.feedback ? `<p class="diagnosis">${escape(answer.feedback)}</p>` : '')
  );
}

/** Feedback on one scored layer: verdicts, the expected values and the worked arithmetic of the count and the shape. */
export function layerFeedback(
  layer: ScoredLayer,
  shapes: boolean,
  slipField = countSlip,
  lessons: LessonLinks = {},
): string {
  const shape = shapes ? verdict('Output shape', layer.outputShapeAnswer, shapeText(layer.outputShape), slipField) : '';
  return (
    verdict('Parameters', layer.answer, grouped(layer.params), slipField) +
    shape +
    `<p class="work"><span class="visually-hidden">Arithmetic: </span>${escape(layer.explanation)}</p>` +
    `<p class="work shape-work">Shape: ${escape(layer.shapeExplanation)}</p>` +
    lessonLink(layer.type, lessons)
  );
}

/** Feedback on the total. */
export function totalFeedback(total: ScoreReport['total'], slipField = countSlip): string {
  return (
    verdict('Total', total.answer, grouped(total.params), slipField) +
    `<p class="work"><span class="visually-hidden">Arithmetic: </span>${escape(total.explanation)}</p>`
  );
}

/** A layer to look at again after a check: its number (from 1) and the id of its first field that is not right. */
export interface LookAgain {
  layer: number;
  field: string;
}

const fieldLink = (field: string, text: string) =>
  `<a class="look-again" href="#${field}" data-field="${field}">${text}</a>`;

const listed = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;

/**
 * The one statement of a check's score, as HTML, with each layer to look at again (and the total, when
 * `total` is not right) as a link to its field, and apart the answers that follow from an earlier slip:
 * `scoreStatement({ correct: 5, answered: 6, possible: 7 }, [{ layer: 2, field: 'count-1' }], false)`
 * → `'<strong …>Score: 5 of 7 answers right.</strong> 1 left unanswered. Look again at layer <a … href="#count-1" …>2</a>.'`.
 */
export function scoreStatement(
  score: { correct: number; answered: number; possible: number; carriedForward?: number | undefined },
  look: readonly LookAgain[],
  total: boolean,
): string {
  const { correct, answered, possible, carriedForward = 0 } = score;
  const full = correct === possible;
  const unanswered = possible - answered;
  const layers = look.map(({ layer, field }) => fieldLink(field, String(layer)));
  const targets = [
    ...(layers.length > 0 ? [`layer${layers.length > 1 ? 's' : ''} ${listed(layers)}`] : []),
    ...(total ? [fieldLink('count-total', 'the total')] : []),
  ];
  return (
    `<strong class="score-figure">Score: ${correct} of ${possible} answers right${full ? ': full marks!' : '.'}</strong>` +
    (carriedForward > 0
      ? ` ${carriedForward} more ${carriedForward === 1 ? 'follows' : 'follow'} from an earlier slip: right for your own answers before ${carriedForward === 1 ? 'it' : 'them'}.`
      : '') +
    (unanswered > 0 ? ` ${unanswered} left unanswered.` : '') +
    (targets.length > 0 ? ` Look again at ${targets.join(layers.length > 1 ? ', and ' : ' and ')}.` : '')
  );
}

/** Whether every question on a layer that was answered is right, and all were answered. */
export function layerCorrect(layer: ScoredLayer, shapes: boolean): boolean {
  return !!layer.answer?.correct && (!shapes || !!layer.outputShapeAnswer?.correct);
}

/** Whether every wrong answer of a layer follows from an earlier slip (so the layer itself holds no slip). */
export const followsOnly = (layer: ScoredLayer) =>
  [layer.answer, layer.outputShapeAnswer].every((v) => !v || v.correct || v.carriedForward === true);

/** The field to look at again on a layer that is not all right: its wrong shape, else its count. */
export const lookField = (layer: ScoredLayer, index: number, shapes: boolean) =>
  shapes && layer.outputShapeAnswer && !layer.outputShapeAnswer.correct && !layer.outputShapeAnswer.carriedForward
    ? `shape-${index}`
    : shapes && !layer.outputShapeAnswer?.correct && layer.answer?.correct
      ? `shape-${index}`
      : `count-${index}`;

/**
 * A layer's hint, before its answer is shown: the worked formula with the learner's numbers left blank (the
 * layer's own options stay), for the count and, when shapes are asked, the output shape:
 * `'Parameters: ? inputs × (2 filters × 3×3) + 2 biases = ?'`.
 */
export function hintHtml(
  layer: NetworkReport['layers'][number],
  config: Network['layers'][number] | undefined,
  shapes: boolean,
) {
  const keep = numbersIn(config ? describeLayer(config) : '');
  const line = (what: string, work: string) =>
    `<p class="work"><strong>${what}:</strong> ${escape(blankWork(work, keep))}</p>`;
  return (
    `<p class="hint-lead">Fill in the blanks (?) with this layer's numbers:</p>` +
    line('Parameters', layer.explanation) +
    (shapes ? line('Output shape', layer.shapeExplanation) : '')
  );
}

/** The link under a verdict to the lesson section for its layer type: `'Read the lesson: Batch normalization'`. */
export const lessonLink = (type: LayerType, links: LessonLinks) => {
  const section = links[type];
  return section
    ? `<p class="lesson-link"><a href="${escape(section.href)}">Read the lesson: ${escape(section.title)}</a></p>`
    : '';
};
