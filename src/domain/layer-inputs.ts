/**
 * What a layer of a network that branches takes, in words, for every place a network is shown
 * or asked (quiz, student link, practice sheets, exports, lesson). A layer that simply takes the
 * layer before it reads as it always has; one that takes others says which, by number and name.
 */
import type { LayerReport, NetworkReport } from './analyze-network';
import { describeLayer, KERAS_NAMES, shapeText } from './layer-summary';
import { specOf } from './layers';
import type { Layer, Network } from './schema/network';

/** The layers layer `index` takes (indexes; -1 is the network's input), from the engine's report. */
const fromOf = (report: NetworkReport, index: number): readonly number[] => report.layers[index]?.from ?? [index - 1];

/**
 * The layers layer `index` takes when that is not simply the layer before it (nor nothing, for a model input), else null:
 * for a shortcut on layer 2 → `[1]`; for the layer after it, taking it → `null`.
 */
export function sourcesOf(report: NetworkReport, index: number): readonly number[] | null {
  const from = fromOf(report, index);
  // A further model input takes nothing; a layer taking the one before it is the plain case.
  return from.length === 0 || (from.length === 1 && from[0] === index - 1) ? null : from;
}

/** One tensor a layer takes, in words: `'layer 2 (conv1)'`, `'layer 3'`, `'the input'`. */
export function sourceText(report: NetworkReport, source: number): string {
  if (source < 0) return 'the input';
  const name = report.layers[source]?.name;
  return `layer ${source + 1}${name === undefined ? '' : ` (${name})`}`;
}

/** A list as a sentence says it: `listed(['a', 'b', 'c']) → 'a, b and c'`. */
const listed = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;

/**
 * The tensors a layer takes, one by one and in one phrase, layers numbered together:
 * `[3, 1]` → `{ each: ['layer 4 (conv3)', 'layer 2 (conv1)'], all: 'layers 4 (conv3) and 2 (conv1)' }`;
 * `[2, 3, 5]` unnamed → `'layers 3, 4 and 6'`; with the input → `'the input and layer 3 (conv1)'`.
 */
export function sourcesText(report: NetworkReport, sources: readonly number[]): { each: string[]; all: string } {
  const each = sources.map((source) => sourceText(report, source));
  if (sources.length < 2 || sources.some((s) => s < 0)) return { each, all: listed(each) };
  return { each, all: `layers ${listed(each.map((text) => text.replace(/^layer /, '')))}` };
}

/**
 * What layer `index` takes, when it is not simply the layer before it (else `''`), as the layer says it:
 * `'takes layer 2 (conv1)'`, `'adds layers 4 (conv3) and 2 (conv1)'`,
 * `'joins layers 5 (branch_1x1), 6 (branch_3x3) and 8 (branch_pool) along the channels'`.
 */
export function inputsText(layers: readonly Layer[], report: NetworkReport, index: number): string {
  const sources = sourcesOf(report, index);
  const layer = layers[index];
  if (!sources || !layer) return '';
  const inputs = sourcesText(report, sources);
  return specOf(layer).describeInputs?.(layer as never, inputs) ?? `takes ${inputs.all}`;
}

/**
 * A layer's configuration in its network: its own words, and what it takes when that is not the
 * layer before it (a merge says both at once):
 * `'1 filter, 1×1 kernel, padding same, stride 1; takes layer 2 (conv1)'`, `'adds layers 4 (conv3) and 2 (conv1)'`.
 */
export function describeInNetwork(layers: readonly Layer[], report: NetworkReport, index: number): string {
  const layer = layers[index];
  if (!layer) return '';
  const words = describeLayer(layer);
  const inputs = inputsText(layers, report, index);
  if (inputs === '') return words;
  return specOf(layer).describeInputs ? inputs : [words, inputs].filter(Boolean).join('; ');
}

/** A layer's type and its own name as Keras's summary writes them: `'conv1 (Conv2D)'`, or `'Conv2D'` unnamed. */
export const layerTitle = (layer: Layer) =>
  layer.name === undefined ? KERAS_NAMES[layer.type] : `${layer.name} (${KERAS_NAMES[layer.type]})`;

/** The shape (or, for a merge, the shapes) a layer is given: `'8×8×4'`, `'8×8×4 and 8×8×4'`. */
export const inputShapesText = (layer: LayerReport) => listed((layer.inputShapes ?? [layer.inputShape]).map(shapeText));

/**
 * Where a layer's input comes from when output shapes are asked (and so not given), or null when it
 * is the network's input, whose shape is given: `'output of layer 3'`, `'outputs of layers 4 and 2'`,
 * `'the input and the output of layer 5'`.
 */
export function inputFromText(report: NetworkReport, index: number): string | null {
  const from = fromOf(report, index);
  const taken = from.filter((source) => source >= 0).map((source) => String(source + 1));
  if (taken.length === 0) return null;
  const outputs = taken.length === 1 ? `output of layer ${taken[0]}` : `outputs of layers ${listed(taken)}`;
  return taken.length < from.length ? `the input and the ${outputs}` : outputs;
}

/** Index of "the network's input" among a layer's sources, as the report's `from` writes it. */
export const NETWORK_INPUT = -1;

/**
 * The layers whose outputs layer `index` reads, in order, `-1` for the network's input: the report's `from` where
 * the network branches (`[3, 1]` for a merge of layers 4 and 2), else the layer before (`inputSources(net, r, 0) →
 * [-1]`); none for a model input. The one place that says so, for everything that follows an answer from one layer
 * to the next (error carried forward).
 */
export function inputSources(_network: Network, report: NetworkReport, index: number): readonly number[] {
  return report.layers[index]?.from ?? [index - 1];
}
