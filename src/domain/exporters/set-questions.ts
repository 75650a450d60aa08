import { describeInNetwork, inputFromText, inputShapesText, layerTitle } from '../layer-inputs';
import { axesText, KERAS_NAMES, shapeText } from '../layer-summary';
import type { PracticeItem } from '../practice-set';
import { layerCountMistakes, shapeMistakeAnswers, totalCountMistakes, type CountMistake } from './set-mistakes';

/** What a question is answered with: an exact count (a numerical question), or a shape (a short answer). */
export type SetAnswer =
  | {
      kind: 'count';
      count: number;
      /** The wrong counts Learnable diagnoses, each once, with its mistakes' feedback (exporters offer them as answers). */
      mistakes: CountMistake[];
    }
  | {
      kind: 'shape';
      shape: readonly number[];
      /** Every way of writing the shape that is right, as the quiz reads them: `20×20×3`, `20x20x3`, `(20, 20, 3)`, …. */
      spellings: string[];
      /** The wrong shapes Learnable diagnoses, each with its spellings and its mistakes' feedback. */
      mistakes: ShapeMistake[];
    };

/** A diagnosed wrong shape as an exported question takes it: every way of writing it, and what it means. */
export interface ShapeMistake {
  shape: number[];
  spellings: string[];
  codes: string[];
  feedback: string;
}

/** One question of an exported set: a layer's count or output shape, or a network's total. */
export interface SetQuestion {
  /** Unique within the set, e.g. "Network 2, layer 3" or "Network 2, layer 3, output shape". */
  name: string;
  /** The layer asked about (0-based), or `null` for the network's total. */
  layer: number | null;
  /** The network's line above its layers: `Network 1 (Keras, channels last), input 20×20×3 (height × width × channels):`. */
  lead: string;
  /** One line per layer, in order, without its number: the exporters make them a numbered list. */
  layers: string[];
  /** What is asked: `How many parameters does layer 2 (Dense) have?`. */
  ask: string;
  answer: SetAnswer;
  /** The worked arithmetic (or, for a shape, how the layer makes it) shown after answering. */
  feedback: string;
}

/**
 * The layers of a network in words, as the worksheet gives them: `Conv2D: 2 filters, 3×3 kernel, …; input 20×20×3`,
 * a named layer as Keras's summary names it and with what it takes when that is not the layer above:
 * `add1 (Add): adds layers 4 (conv3) and 2 (conv1); input the outputs of layers 4 and 2`.
 * Each layer's input shape is given unless the shapes are asked (`askShapes`), when only the network
 * input's is and every other input is named as the output it is, an answer itself.
 */
export function networkLines(item: PracticeItem, askShapes: boolean): string[] {
  return item.network.layers.map((layer, i) => {
    const report = item.report.layers[i];
    const from = askShapes ? inputFromText(item.report, i) : null;
    const given =
      from === null
        ? `input ${report ? inputShapesText(report) : ''}`
        : `input ${from.startsWith('the ') ? from : `the ${from}`}`;
    return `${layerTitle(layer)}: ${describeInNetwork(item.network.layers, item.report, i)}; ${given}`;
  });
}

/**
 * The ways of writing a shape that count as right, as the quiz reads a typed shape (channels last,
 * no batch axis): `shapeSpellings([20, 3])` → `['20×3', '20 × 3', '20x3', '20 x 3', '20,3', '20, 3', '20 3',
 * '(20,3)', '[20,3]', '(20, 3)', '[20, 3]']`. No `*`, which Moodle reads as a wildcard.
 */
export function shapeSpellings(shape: readonly number[]): string[] {
  const joined = ['×', ' × ', 'x', ' x ', ',', ', ', ' '].map((separator) => shape.join(separator));
  const bracketed = [',', ', '].flatMap((separator) => [`(${shape.join(separator)})`, `[${shape.join(separator)}]`]);
  return [...new Set([...joined, ...bracketed])];
}

/**
 * The questions an exported set asks: for each network, one per layer (and, when `askShapes`, one
 * per layer's output shape before it, as the worksheet's row asks the shape before the count) and
 * one for the total, each with the exact answer and its arithmetic. The network is given as the
 * worksheet of the same options gives it (`askShapes`: only the first input shape).
 */
export function setQuestions(items: readonly PracticeItem[], askShapes: boolean): SetQuestion[] {
  return items.flatMap((item) => networkQuestions(item, askShapes));
}

/** The questions of one network of a set, in the worksheet's order (see `setQuestions`). */
export function networkQuestions(item: PracticeItem, askShapes: boolean): SetQuestion[] {
  const n = item.index + 1;
  const { input } = item.network;
  const lead = `Network ${n} (Keras, channels last), input ${shapeText(input)} (${axesText(input.length)}):`;
  const layers = networkLines(item, askShapes);
  return [
    ...item.report.layers.flatMap((layer): SetQuestion[] => {
      const which = `layer ${layer.index + 1} (${KERAS_NAMES[layer.type]})`;
      const count: SetQuestion = {
        name: `Network ${n}, layer ${layer.index + 1}`,
        layer: layer.index,
        lead,
        layers,
        ask: `How many parameters does ${which} have?`,
        answer: { kind: 'count', count: layer.params, mistakes: layerCountMistakes(item, layer.index) },
        feedback: layer.explanation,
      };
      const config = item.network.layers[layer.index];
      if (!askShapes || !config) return [count];
      const rank = layer.outputShape.length;
      const shape: SetQuestion = {
        name: `Network ${n}, layer ${layer.index + 1}, output shape`,
        layer: layer.index,
        lead,
        layers,
        ask:
          `What is the output shape of ${which}? Write it as ` +
          `${rank === 1 ? 'a single number' : axesText(rank, '×')}, without the batch axis.`,
        answer: {
          kind: 'shape',
          shape: layer.outputShape,
          spellings: shapeSpellings(layer.outputShape),
          mistakes: shapeMistakeAnswers(item, layer.index).map((m) => ({ ...m, spellings: shapeSpellings(m.shape) })),
        },
        feedback:
          `${KERAS_NAMES[layer.type]} (${describeInNetwork(item.network.layers, item.report, layer.index)}) ` +
          `makes its input${layer.inputShapes ? 's' : ''} ${inputShapesText(layer)} into ${shapeText(layer.outputShape)}.`,
      };
      return [shape, count];
    }),
    {
      name: `Network ${n}, total`,
      layer: null,
      lead,
      layers,
      ask: 'How many parameters does the whole network have?',
      answer: { kind: 'count', count: item.report.totals.params, mistakes: totalCountMistakes(item) },
      feedback: item.report.totals.explanation,
    },
  ];
}
