/**
 * The import page's picture of a Keras model, loaded only after a Keras count: wrapped to the
 * width of its box, a big graph's blocks collapsed (each opens in place), the rule said under it.
 */
import type { DiagramNetwork } from '../domain/diagram-parts';
import { collapseNote, drawGraph, isGraph } from '../domain/graph-diagram';
import { describeDiagram, networkDiagram } from '../domain/network-diagram';
import { showDiagram } from './diagram-toggles';

/** Narrowest the picture wraps to: on a phone it scrolls sideways rather than stacking a box a row. */
const MIN_WIDTH = 640;

/** Draws `network` (the API's report) into `box` and says in `caption` how a collapsed picture was drawn. */
export function showImported(box: HTMLElement, caption: HTMLElement, network: DiagramNetwork): void {
  // The box's padding and border (0.75rem and 1px a side) are not the picture's.
  const options = {
    shapes: 'all',
    counts: true,
    interactive: true,
    maxWidth: Math.max(MIN_WIDTH, box.clientWidth - 2 * 14),
  } as const;
  showDiagram(box, (open) =>
    networkDiagram(network, {
      ...options,
      open,
      id: 'import-diagram',
      title: `Diagram of your model: ${describeDiagram(network, { ...options, open })}`,
    }),
  );
  const picture = isGraph(network) ? drawGraph(network, { ...options, id: 'note', title: '' }) : undefined;
  const note = picture ? collapseNote(picture, network.layers.length) : '';
  // NASNet's boxes are its cells; every other collapsed picture's are blocks.
  const unit = picture?.level === 'cells' ? 'cell' : 'block';
  caption.textContent = note && `${note} Select a ${unit} to open it.`;
  caption.hidden = note === '';
}
