import type { NetworkReport } from './analyze-network';
import type { Network } from './schema/network';

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
