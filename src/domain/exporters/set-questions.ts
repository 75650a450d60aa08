import { axesText, describeLayer, KERAS_NAMES, shapeText } from '../layer-summary';
import type { PracticeItem } from '../practice-set';

/** One numerical question of an exported set: a layer's count, or a network's total. */
export interface SetQuestion {
  /** Unique within the set, e.g. "Network 2, layer 3". */
  name: string;
  /** The question in plain text. */
  text: string;
  answer: number;
  /** The worked arithmetic shown after answering. */
  feedback: string;
}

/**
 * The network in words, one line per layer: `Input 20×20×3 (height × width × channels)`,
 * `1. Conv2D: 2 filters, 3×3 kernel, …`; a sequence's input is `Input 36×4 (steps × channels)`.
 */
export function networkLines(item: PracticeItem): string[] {
  return [
    `Input ${shapeText(item.network.input)} (${axesText(item.network.input.length)})`,
    ...item.network.layers.map((layer, i) => `${i + 1}. ${KERAS_NAMES[layer.type]}: ${describeLayer(layer)}`),
  ];
}

/**
 * The questions an exported set asks: for each network, one per layer and one
 * for the total, each with the exact answer and its arithmetic.
 */
export function setQuestions(items: readonly PracticeItem[]): SetQuestion[] {
  return items.flatMap((item) => {
    const n = item.index + 1;
    const intro = `Network ${n} (Keras, channels last):\n${networkLines(item).join('\n')}`;
    return [
      ...item.report.layers.map((layer) => ({
        name: `Network ${n}, layer ${layer.index + 1}`,
        text: `${intro}\n\nHow many parameters does layer ${layer.index + 1} (${KERAS_NAMES[layer.type]}) have?`,
        answer: layer.params,
        feedback: layer.explanation,
      })),
      {
        name: `Network ${n}, total`,
        text: `${intro}\n\nHow many parameters does the whole network have?`,
        answer: item.report.totals.params,
        feedback: item.report.totals.explanation,
      },
    ];
  });
}
