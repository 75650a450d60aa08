import { describeInNetwork, inputFromText, inputShapesText, layerTitle } from '../layer-inputs';
import { axesText, KERAS_NAMES, shapeText } from '../layer-summary';
import type { PracticeItem } from '../practice-set';

/** One numerical question of an exported set: a layer's count, or a network's total. */
export interface SetQuestion {
  /** Unique within the set, e.g. "Network 2, layer 3". */
  name: string;
  /** The network's line above its layers: `Network 1 (Keras, channels last), input 20×20×3 (height × width × channels):`. */
  lead: string;
  /** One line per layer, in order, without its number: the exporters make them a numbered list. */
  layers: string[];
  /** What is asked: `How many parameters does layer 2 (Dense) have?`. */
  ask: string;
  answer: number;
  /** The worked arithmetic shown after answering. */
  feedback: string;
}

/**
 * The layers of a network in words, as the worksheet gives them: `Conv2D: 2 filters, 3×3 kernel, …; input 20×20×3`,
 * a named layer as Keras's summary names it and with what it takes when that is not the layer above:
 * `add1 (Add): adds layers 4 (conv3) and 2 (conv1); input 8×8×6 and 8×8×6`.
 * Each layer's input shape is given unless the shapes are asked (`askShapes`), when only the network
 * input's is: the others are the answers to the layers they come from.
 */
export function networkLines(item: PracticeItem, askShapes: boolean): string[] {
  return item.network.layers.map((layer, i) => {
    const report = item.report.layers[i];
    const given = report && (!askShapes || inputFromText(item.report, i) === null);
    const input = given ? `; input ${inputShapesText(report)}` : '';
    return `${layerTitle(layer)}: ${describeInNetwork(item.network.layers, item.report, i)}${input}`;
  });
}

/**
 * The questions an exported set asks: for each network, one per layer and one
 * for the total, each with the exact answer and its arithmetic. The network is given
 * as the worksheet of the same options gives it (`askShapes`: only the first input shape).
 */
export function setQuestions(items: readonly PracticeItem[], askShapes: boolean): SetQuestion[] {
  return items.flatMap((item) => {
    const n = item.index + 1;
    const { input } = item.network;
    const lead = `Network ${n} (Keras, channels last), input ${shapeText(input)} (${axesText(input.length)}):`;
    const layers = networkLines(item, askShapes);
    return [
      ...item.report.layers.map((layer) => ({
        name: `Network ${n}, layer ${layer.index + 1}`,
        lead,
        layers,
        ask: `How many parameters does layer ${layer.index + 1} (${KERAS_NAMES[layer.type]}) have?`,
        answer: layer.params,
        feedback: layer.explanation,
      })),
      {
        name: `Network ${n}, total`,
        lead,
        layers,
        ask: 'How many parameters does the whole network have?',
        answer: item.report.totals.params,
        feedback: item.report.totals.explanation,
      },
    ];
  });
}
