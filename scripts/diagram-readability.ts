// Prints how readable the pictures of real models are: `npx tsx scripts/diagram-readability.ts`.
// For each Keras application (and a few small graphs): how many boxes it is drawn in and how
// collapsed, the SVG's size as the import page draws it at 1280 px (wrapped at 980 px) and in one
// row, the edge crossings (also with every block opened), the time to lay it out, and its smallest label as shown: on screen the
// picture is drawn at its own size (it scrolls), on paper scaled to the 703 px of an A4 page.
import { readFileSync } from 'node:fs';
import { analyzeNetwork } from '../src/domain/analyze-network';
import { drawGraph } from '../src/domain/graph-diagram';
import { FONT } from '../src/domain/diagram-parts';
import { importKerasModel } from '../src/domain/keras-import';

const MODELS = [
  ['keras-applications', 'resnet50'],
  ['keras-applications', 'densenet121'],
  ['keras-applications', 'inception_v3'],
  ['keras-applications', 'mobilenet_v2'],
  ['keras-applications', 'nasnet_mobile'],
  ['keras-applications', 'efficientnet_b0'],
  ['keras-applications', 'xception'],
  ['keras-graphs', 'residual_block'],
  ['keras-graphs', 'inception_module'],
  ['keras-graphs', 'siamese'],
] as const;
const SCREEN_WIDTH = 980;
const PAGE_WIDTH = 703;

const rows: Record<string, string | number>[] = [];
for (const [dir, name] of MODELS) {
  const imported = importKerasModel(readFileSync(`tests/fixtures/${dir}/${name}.keras3.json`, 'utf8'));
  if (!imported.ok) throw new Error(`${name}: ${JSON.stringify(imported.error[0])}`);
  const report = analyzeNetwork(imported.value.network);
  if (!report.ok) throw new Error(`${name}: ${JSON.stringify(report.error[0])}`);
  const options = { id: name, title: name, shapes: 'all', counts: true } as const;
  const started = performance.now();
  const screen = drawGraph(report.value, { ...options, maxWidth: SCREEN_WIDTH });
  const ms = performance.now() - started;
  const line = drawGraph(report.value, options);
  const paper = drawGraph(report.value, { ...options, maxWidth: 700, compact: true });
  // Every block opened: the whole graph, as a reader who opens them all sees it.
  const opened = drawGraph(report.value, { ...options, maxWidth: SCREEN_WIDTH, open: screen.openable });
  const printed = FONT * Math.min(1, PAGE_WIDTH / paper.width) * 0.75;
  rows.push({
    model: name,
    layers: report.value.layers.length,
    boxes: screen.boxes,
    collapsed: screen.level,
    'screen px': `${screen.width}×${screen.height}`,
    'one row px': `${line.width}×${line.height}`,
    crossings: screen.crossings,
    'all opened: px, crossings': `${opened.width}×${opened.height}, ${opened.crossings}`,
    'layout ms': Math.round(ms),
    'smallest label': `${FONT} px screen, ${printed.toFixed(1)} pt A4`,
  });
}
console.table(rows);
