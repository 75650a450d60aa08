import type { Network } from './schema/network';

/**
 * The layer whose output layer `index` reads, or null for the network's input: `inputSource(net, 3) → 2`,
 * `inputSource(net, 0) → null`. Today a network is a list, so it is the layer before; this is the one place that
 * says so, for everything that follows an answer from one layer to the next (error carried forward).
 */
export function inputSource(_network: Network, index: number): number | null {
  return index > 0 ? index - 1 : null;
}
