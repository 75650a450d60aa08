import type { PracticeItem } from '../practice-set';
import type { PracticeSetOptions } from '../schema/practice-set';

/**
 * The set as JSON for scripts: the options that regenerate it, and each network
 * in the API's own format with its expected counts and output shapes.
 */
export function toSetJson(options: PracticeSetOptions, items: readonly PracticeItem[]) {
  return {
    format: 'learnable-practice-set',
    options,
    networks: items.map(({ index, level, network, report }) => ({
      index,
      level,
      network,
      expected: {
        layers: report.layers.map((l) => l.params),
        total: report.totals.params,
        outputShapes: report.layers.map((l) => l.outputShape),
      },
    })),
  };
}
