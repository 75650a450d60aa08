import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { describeDiagram, diagramRows, networkDiagram } from '../../src/domain/network-diagram';
import type { Network } from '../../src/domain/schema/network';
import { TEXTBOOK_NETWORK } from '../../src/domain/textbook-network';

const CLASSIC: Network = TEXTBOOK_NETWORK;

const report = (network: Network): NetworkReport => {
  const result = analyzeNetwork(network);
  if (!result.ok) throw new Error('invalid test network');
  return result.value;
};

const draw = (network: Network, shapes: 'all' | 'input' = 'all', counts = true) =>
  networkDiagram(report(network), { id: 'd', title: 'A <network> & more', shapes, counts });

/** Height of the front face of every box, in drawing order. */
const frontHeights = (svg: string) =>
  [...svg.matchAll(/class="nd-front"[^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('networkDiagram', () => {
  test('draws one labelled box per tensor: the input and each layer’s output', () => {
    const svg = draw(CLASSIC);
    expect(svg.match(/<g class="nd-stage/g)).toHaveLength(5);
    for (const label of ['Input', '1·Conv2D', '2·Conv2D', '3·Flatten', '4·Dense']) expect(svg).toContain(`>${label}<`);
    // Shapes and counts come from the engine: 3 × (2 × 3×3) + 2 = 56 and 1200 × 2 + 2 = 2402.
    for (const label of ['20×20×3', '20×20×2', '1200', '56 params', '57 params', '0 params', '2,402 params']) {
      expect(svg).toContain(`>${label}<`);
    }
  });

  test('is an image named by its escaped title', () => {
    const svg = draw(CLASSIC);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="d-title"/);
    expect(svg).toContain('<title id="d-title">A &lt;network&gt; &amp; more</title>');
    expect(svg.match(/<g /g)?.length).toBe(svg.match(/<\/g>/g)?.length);
  });

  test('hides what the quiz asks: counts become "?" and shapes after the input become "?"', () => {
    const svg = draw(CLASSIC, 'input', false);
    expect(svg).toContain('>20×20×3<');
    expect(svg).not.toContain('20×20×2');
    expect(svg).not.toMatch(/\d params/);
    expect(svg.match(/>\? params</g)).toHaveLength(4);
  });

  test('sizes boxes by shape: a larger feature map draws a taller box', () => {
    const heights = frontHeights(
      draw({
        input: [32, 32, 3],
        layers: [
          { type: 'maxPooling2d', poolSize: 2 },
          { type: 'maxPooling2d', poolSize: 2 },
        ],
      }),
    );
    expect(heights).toHaveLength(3);
    expect(heights[0]).toBeGreaterThan(heights[1] ?? Infinity);
    expect(heights[1]).toBeGreaterThan(heights[2] ?? Infinity);
  });

  test('draws a sequence as a flat slab and a volume as a solid, with every axis in the label', () => {
    const sequence = draw({ input: [30, 4], layers: [{ type: 'conv1d', filters: 8, kernelSize: 3 }] });
    // A steps × channels tensor has no depth face: one rectangle each, no top or side.
    expect(sequence).not.toContain('nd-top');
    expect(sequence).toContain('>28×8<');
    const volume = draw({ input: [4, 8, 8, 2], layers: [{ type: 'conv3d', filters: 6, kernelSize: 3 }] });
    expect(volume.match(/class="nd-top"/g)).toHaveLength(2);
    expect(volume).toContain('>2×6×6×6<');
  });

  test("leaves room for a volume's input shape at the left edge", () => {
    const svg = draw({ input: [8, 8, 7, 2], layers: [{ type: 'globalAveragePooling3d' }] });
    const x = Number(/<text class="nd-shape" x="([\d.]+)"[^>]*>8×8×7×2</.exec(svg)?.[1]);
    // In DejaVu Sans at 12 px a digit is 7.6 px wide and "×" 10 px: 4 × 7.6 + 3 × 10 = 60.4 px, centred on x.
    expect(x - 60.4 / 2).toBeGreaterThanOrEqual(0);
  });

  test('colours activation layers as their own kind', () => {
    expect(
      draw({ input: [8, 8, 3], layers: [{ type: 'pReLU' }, { type: 'reLU' }] }).match(/nd-activation/g),
    ).toHaveLength(2);
  });

  test('grows wider with every layer', () => {
    const width = (svg: string) => Number(/width="(\d+)"/.exec(svg)?.[1]);
    const short = draw({ input: [8, 8, 1], layers: [{ type: 'flatten' }] });
    const long = draw({ input: [8, 8, 1], layers: [{ type: 'flatten' }, { type: 'dense', units: 4 }] });
    expect(width(long)).toBeGreaterThan(width(short));
  });
});

describe('networkDiagram in rows (maxWidth)', () => {
  // Ten layers from 16×16×3: one row of them is about 1,100 px wide.
  const LONG: Network = {
    input: [16, 16, 3],
    layers: [
      { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same' },
      { type: 'batchNormalization' },
      { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same' },
      { type: 'maxPooling2d', poolSize: 2 },
      { type: 'conv2d', filters: 16, kernelSize: 3, padding: 'same' },
      { type: 'batchNormalization' },
      { type: 'maxPooling2d', poolSize: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 32 },
      { type: 'dense', units: 10 },
    ],
  };
  const wrapped = (options: { maxWidth?: number; compact?: boolean }) =>
    networkDiagram(report(LONG), { id: 'd', title: 't', shapes: 'all', counts: true, ...options });
  const width = (svg: string) => Number(/width="(\d+)"/.exec(svg)?.[1]);
  const height = (svg: string) => Number(/height="(\d+)"/.exec(svg)?.[1]);
  /** Each layer name with where it is drawn, in drawing order. */
  const names = (svg: string) =>
    [...svg.matchAll(/<text class="nd-name" x="([\d.]+)" y="([\d.]+)">([^<]+)</g)].map((m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      name: m[3],
    }));

  test('draws one row wider than 700 px without a limit, the same row when the limit is wide enough', () => {
    expect(width(wrapped({}))).toBeGreaterThan(1000);
    expect(wrapped({ maxWidth: 5000 })).toBe(wrapped({}));
    expect(diagramRows(report(LONG), { shapes: 'all', counts: true })).toBe(1);
  });

  test('wraps into rows no wider than the limit, each read left to right, in the order of the layers', () => {
    const svg = wrapped({ maxWidth: 700 });
    expect(width(svg)).toBeLessThanOrEqual(700);
    const drawn = names(svg);
    const rows = [...new Set(drawn.map((n) => n.y))];
    expect(rows).toHaveLength(2);
    expect(diagramRows(report(LONG), { shapes: 'all', counts: true, maxWidth: 700 })).toBe(2);
    // Reading the rows top to bottom and each left to right gives Input, 1·…, 2·…, … 10·….
    const read = [...drawn].sort((a, b) => a.y - b.y || a.x - b.x).map((n) => n.name);
    expect(read).toEqual(['Input', ...LONG.layers.map((_, i) => expect.stringMatching(new RegExp(`^${i + 1}·`)))]);
    // Even rows: neither holds more than one stage more than the other (11 stages: 5 and 6).
    const sizes = rows.map((y) => drawn.filter((n) => n.y === y).length);
    expect(Math.abs((sizes[0] ?? 0) - (sizes[1] ?? 0))).toBeLessThanOrEqual(1);
    // Every label still there: a shape and a count under every layer.
    expect(svg.match(/class="nd-count"/g)).toHaveLength(LONG.layers.length);
  });

  test('leads an arrow from the end of one row to the start of the next', () => {
    const svg = wrapped({ maxWidth: 700 });
    // One arrow into every box after the input: within the rows, and one from row to row.
    const arrows = [...svg.matchAll(/class="nd-arrow" d="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(arrows).toHaveLength(LONG.layers.length);
    // The one between rows goes down (V) to the next row's middle and then right, into its first box.
    const between = arrows.filter((d) => d.includes('V'));
    expect(between).toHaveLength(1);
    const [, down, rightTo] = /V([\d.]+)H([\d.]+)m-4 -4l5 4l-5 4$/.exec(between[0] ?? '') ?? [];
    const second = names(svg).filter((n) => n.y > (names(svg)[0]?.y ?? 0));
    const firstOfSecond = second[0];
    expect(firstOfSecond?.name).toMatch(/^\d+·/);
    expect(Number(down)).toBeGreaterThan(firstOfSecond?.y ?? Infinity);
    expect(Number(rightTo)).toBeLessThan(firstOfSecond?.x ?? -Infinity);
  });

  test('draws smaller boxes and tighter rows when compact, the labels at the same size', () => {
    const [full, compact] = [wrapped({ maxWidth: 700 }), wrapped({ maxWidth: 700, compact: true })];
    expect(height(compact)).toBeLessThan(height(full) * 0.85);
    expect(Math.max(...frontHeights(compact))).toBeLessThan(Math.max(...frontHeights(full)));
    expect(compact).toMatch(/font-size="12"/);
  });
});

describe('describeDiagram', () => {
  test('reads the picture aloud with the same labels', () => {
    expect(describeDiagram(report(CLASSIC), { shapes: 'all', counts: true })).toBe(
      'Input 20×20×3 → Conv2D 20×20×2 (56 parameters) → Conv2D 20×20×3 (57 parameters) → Flatten 1200 (0 parameters) → Dense 2 (2,402 parameters)',
    );
    expect(describeDiagram(report(CLASSIC), { shapes: 'input', counts: false })).toBe(
      'Input 20×20×3 → Conv2D → Conv2D → Flatten → Dense',
    );
  });
});
