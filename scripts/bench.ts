// `npm run bench`: how fast the engine and the /api/score handler are, as ratios against what they
// are measured by: TensorFlow.js, the JSON floor, and linear scaling. It prints; it never fails.
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { handleScore } from '../functions/score';
import { analyzeNetwork } from '../src/domain/analyze-network';
import { createRandom } from '../src/domain/random';
import { Network } from '../src/domain/schema/network';
import { evaluateRequest } from '../src/domain/evaluate-request';
import { randomNetwork } from '../tests/support/random-network';
import { buildTfjsModel, type Initializers } from '../tests/support/tfjs-model';
import { floorCount } from './bench/floor-counter';

interface Timing {
  /** Median milliseconds per round. */
  median: number;
  rounds: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

/**
 * Median time per round of each subject. Rounds are interleaved (A B C, B C A, …) so that load from
 * other processes on a shared machine falls on every subject alike and the ratios stay meaningful.
 * Runs `warmup` unmeasured rounds, then at least `min` rounds, then more until `budget` ms or `max`.
 */
async function race<K extends string>(
  subjects: Record<K, () => unknown>,
  { warmup = 3, min = 9, max = 41, budget = 4000 } = {},
): Promise<Record<K, Timing>> {
  const names = Object.keys(subjects) as K[];
  const times = new Map<K, number[]>(names.map((n) => [n, []]));
  const start = performance.now();
  for (let round = 0; ; round++) {
    if (round >= warmup + max || (round >= warmup + min && performance.now() - start > budget)) break;
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length] as K;
      const t = performance.now();
      await subjects[name]();
      if (round >= warmup) times.get(name)?.push(performance.now() - t);
    }
  }
  return Object.fromEntries(
    names.map((n) => [n, { median: median(times.get(n) ?? []), rounds: times.get(n)?.length ?? 0 }]),
  ) as Record<K, Timing>;
}

// Whatever a round returns is kept here so the work cannot be optimized away.
let sink = 0;
const keep = (value: number) => {
  sink = (sink + value) | 0;
};

const ms = (value: number) =>
  value >= 100 ? `${value.toFixed(0)} ms` : value >= 1 ? `${value.toFixed(2)} ms` : `${(value * 1000).toFixed(1)} µs`;
const times = (value: number) => `${value >= 10 ? value.toFixed(0) : value.toFixed(2)}×`;

function table(title: string, head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

const networks = (count: number, seed: string, options: { layers?: number; tfjsComparable?: boolean } = {}) => {
  const random = createRandom(seed);
  // Plain JSON values, as a request would carry them, so Network.parse does its full work.
  return Array.from({ length: count }, () => JSON.parse(JSON.stringify(randomNetwork(random, options))) as unknown);
};

const engine = (inputs: unknown[]) => () => {
  for (const input of inputs) {
    const report = analyzeNetwork(Network.parse(input));
    if (report.ok) keep(report.value.totals.params);
  }
};

const JSON_TYPE = { 'content-type': 'application/json' };
const post = (body: string) => new Request('http://x/api/score', { method: 'POST', headers: JSON_TYPE, body });

/** The floor on plain JSON networks: an exact plain-number count of every layer and the total. */
const floor = (inputs: unknown[]) => () => {
  for (const input of inputs) keep(floorCount(input as Parameters<typeof floorCount>[0]).at(-1) ?? 0);
};

/** Whether the floor counts every network as the engine does; the bench says so, so a wrong floor shows. */
function floorAgrees(inputs: unknown[]): string {
  const wrong = inputs.filter((input) => {
    const report = analyzeNetwork(Network.parse(input));
    const ours = report.ok ? [...report.value.layers.map((l) => l.params), report.value.totals.params] : [];
    return JSON.stringify(ours) !== JSON.stringify(floorCount(input as Parameters<typeof floorCount>[0]));
  }).length;
  return wrong === 0
    ? `the floor counts all ${inputs.length} networks as the engine does`
    : `THE FLOOR DISAGREES WITH THE ENGINE ON ${wrong} OF ${inputs.length} NETWORKS: its ratios mean nothing`;
}

async function engineVersusTfjs() {
  const inputs = networks(300, 'bench-tfjs', { tfjsComparable: true });
  const parsed = inputs.map((x) => Network.parse(x));
  const layers = parsed.reduce((n, x) => n + x.layers.length, 0);
  const tfjs = (initializers: Initializers) => () => {
    for (const network of parsed) {
      const model = buildTfjsModel(network, initializers);
      keep(model.countParams());
      model.dispose();
    }
  };
  const timing = await race(
    { floor: floor(inputs), engine: engine(inputs), constant: tfjs('constant'), default: tfjs('default') },
    { min: 9, budget: 8000 },
  );
  const per = (t: Timing) => ms(t.median / inputs.length);
  const row = (label: string, t: Timing, ratio: string, target: string) => [
    label,
    ms(t.median),
    per(t),
    `${t.rounds}`,
    ratio,
    target,
  ];
  table(
    `(1) Engine vs the floor and TensorFlow.js ${tf.version.tfjs} (cpu backend): ${inputs.length} random networks, ${layers} layers; ${floorAgrees(inputs)}`,
    ['subject', 'median per round', 'per network', 'rounds', 'ratio', 'target'],
    [
      row('floor: exact plain-number count (scripts/bench/floor-counter.ts)', timing.floor, '1×', ''),
      row(
        '  engine: Network.parse + analyzeNetwork (explanations included)',
        timing.engine,
        `${times(timing.engine.median / timing.floor.median)} the floor`,
        '≤ 2× the floor',
      ),
      row(
        'tfjs (constant initializers): tf.sequential + layers + countParams',
        timing.constant,
        `${times(timing.constant.median / timing.engine.median)} the engine`,
        '≥ 100× the engine',
      ),
      row(
        'tfjs (default initializers): the same',
        timing.default,
        `${times(timing.default.median / timing.engine.median)} the engine`,
        '≥ 100× the engine',
      ),
    ],
  );
}

async function handlerVersusJsonFloor() {
  const rows: string[][] = [];
  for (const [label, layers] of [
    ['1–12 layers', undefined],
    ['100 layers', 100],
  ] as const) {
    const bodies = networks(200, `bench-handler-${label}`, layers === undefined ? {} : { layers }).map((network) => {
      const report = analyzeNetwork(Network.parse(network));
      if (!report.ok) throw new Error('the generator built an invalid network');
      // Every question answered, one in three of them wrongly, so scoring does its full work.
      const answers = {
        layers: report.value.layers.map((l, i) => (i % 3 ? l.params : l.params + 1)),
        total: report.value.totals.params.toLocaleString('en-US'),
        outputShapes: report.value.layers.map((l) => l.outputShape),
      };
      return JSON.stringify({ network, answers });
    });
    const responses: unknown[] = [];
    for (const body of bodies) responses.push(await (await handleScore(post(body))).json());
    const { handler, core, json, floor } = await race({
      handler: async () => {
        for (const body of bodies) keep((await (await handleScore(post(body))).text()).length);
      },
      // What the handler does besides HTTP: the domain work between the two JSON steps.
      core: () => {
        for (const body of bodies) {
          const result = evaluateRequest(JSON.parse(body));
          if (result.ok) keep(JSON.stringify(result.value).length);
        }
      },
      // The JSON steps alone.
      json: () => {
        bodies.forEach((body, i) => {
          const request: unknown = JSON.parse(body);
          keep(JSON.stringify(responses[i]).length + (request === null ? 0 : 1));
        });
      },
      // The floor: what any handler of this request pays — the Request, its text, JSON.parse,
      // an exact plain-number count, JSON.stringify of the same response, the Response and its text.
      floor: async () => {
        for (const [i, body] of bodies.entries()) {
          const request = JSON.parse(await post(body).text()) as { network: Parameters<typeof floorCount>[0] };
          keep(floorCount(request.network).length);
          keep((await new Response(JSON.stringify(responses[i]), { headers: JSON_TYPE }).text()).length);
        }
      },
    });
    const bytes = bodies.reduce((n, b) => n + b.length, 0) / bodies.length;
    const ratio = (t: Timing) => `${times(t.median / floor.median)} the floor`;
    rows.push(
      [
        `floor, ${label}: Request → text → JSON.parse → plain count → JSON.stringify → Response → text`,
        ms(floor.median / bodies.length),
        `${(bytes / 1024).toFixed(1)} KiB`,
        `${floor.rounds}`,
        '1×',
        '',
      ],
      [
        `  JSON only, ${label}: JSON.parse(request) + JSON.stringify(response)`,
        ms(json.median / bodies.length),
        '',
        `${json.rounds}`,
        ratio(json),
        '(no target; shows where time goes)',
      ],
      [
        `  core, ${label}: JSON + evaluateRequest (validate, resolve, analyze, score)`,
        ms(core.median / bodies.length),
        '',
        `${core.rounds}`,
        ratio(core),
        '(no target; shows where time goes)',
      ],
      [
        `  handleScore, ${label}: new Request → Response → text()`,
        ms(handler.median / bodies.length),
        '',
        `${handler.rounds}`,
        ratio(handler),
        '≤ 1.5× the floor',
      ],
    );
  }
  table(
    '(2) /api/score handler vs the request floor (200 requests per round, every layer, shape and the total answered)',
    ['subject', 'median per request', 'request size', 'rounds', 'ratio', 'target'],
    rows,
  );
}

async function scaling() {
  const sizes = [10, 100, 1000] as const;
  // The same 20,000 layers per round at every size, so each subject does the same total work.
  const inputs = sizes.map((layers) => networks(20_000 / layers, `bench-scaling-${layers}`, { layers }));
  const timings = await race(
    Object.fromEntries(sizes.map((layers, i) => [layers, engine(inputs[i] ?? [])])) as Record<string, () => void>,
    { min: 11, budget: 8000 },
  );
  const perLayer = (layers: number, i: number) =>
    (timings[layers]?.median ?? NaN) / (inputs[i]?.length ?? NaN) / layers;
  const base = perLayer(sizes[0], 0);
  table(
    '(3) Engine scaling with network length (Network.parse + analyzeNetwork, 20,000 layers per round at each size)',
    ['network', 'networks', 'median per network', 'per layer', 'rounds', 'time per layer vs 10 layers', 'target'],
    sizes.map((layers, i) => [
      `${layers} layers`,
      `${inputs[i]?.length}`,
      ms(perLayer(layers, i) * layers),
      ms(perLayer(layers, i)),
      `${timings[layers]?.rounds}`,
      i === 0 ? '1× (baseline)' : `${times(perLayer(layers, i) / base)} linear`,
      i === 0 ? '' : '≈ 1× (linear)',
    ]),
  );
}

/**
 * A network that branches, grown to `nodes` layers: residual blocks (dense, dense, add: 4 edges
 * for 3 nodes), or, with `fanIn`, each block's concatenate also takes up to `fanIn` earlier blocks
 * (DenseNet's pattern), so edges grow faster than nodes.
 */
function graphNetwork(nodes: number, fanIn = 0): unknown {
  const layers: unknown[] = [];
  const blocks: string[] = ['input'];
  for (let b = 0; layers.length + 3 <= nodes; b++) {
    const from = blocks.at(-1) ?? 'input';
    layers.push({ type: 'dense', name: `a${b}`, units: 16, inputs: [from] });
    layers.push({ type: 'dense', name: `b${b}`, units: 16 });
    if (fanIn === 0) {
      layers.push({ type: 'add', name: `m${b}`, inputs: [`b${b}`, from] });
    } else {
      layers.push({
        type: 'concatenate',
        name: `c${b}`,
        inputs: [`b${b}`, ...blocks.slice(-fanIn).filter((x) => x !== 'input')],
      });
      layers.push({ type: 'dense', name: `m${b}`, units: 16 });
    }
    blocks.push(`m${b}`);
  }
  return { input: [16], layers };
}

async function graphScaling() {
  const rows: string[][] = [];
  for (const [label, fanIn] of [
    ['residual (add)', 0],
    ['dense (concatenate of up to 8)', 8],
  ] as const) {
    const sizes = [30, 300, 990] as const;
    const inputs = sizes.map((nodes) =>
      Array.from({ length: Math.round(15_000 / nodes) }, () => graphNetwork(nodes, fanIn)),
    );
    const counts = inputs.map((list) => {
      const network = Network.parse(list[0]);
      const nodes = network.layers.length;
      const edges = network.layers.reduce((n, l, i) => n + (l.inputs?.length ?? (i === 0 ? 1 : 1)), 0);
      return { nodes, edges };
    });
    const timings = await race(
      Object.fromEntries(sizes.map((n, i) => [n, engine(inputs[i] ?? [])])) as Record<string, () => void>,
      { min: 11, budget: 6000 },
    );
    const per = (i: number, what: 'nodes' | 'edges') =>
      (timings[sizes[i] ?? 0]?.median ?? NaN) / (inputs[i]?.length ?? NaN) / (counts[i]?.[what] ?? NaN);
    sizes.forEach((_, i) => {
      rows.push([
        `${label}: ${counts[i]?.nodes} nodes, ${counts[i]?.edges} edges`,
        ms((timings[sizes[i] ?? 0]?.median ?? NaN) / (inputs[i]?.length ?? NaN)),
        ms(per(i, 'nodes')),
        ms(per(i, 'edges')),
        i === 0
          ? '1× (baseline)'
          : `${times(per(i, 'nodes') / per(0, 'nodes'))} per node, ${times(per(i, 'edges') / per(0, 'edges'))} per edge`,
        i === 0 ? '' : '≈ 1× (linear)',
      ]);
    });
  }
  table(
    '(4) Engine scaling with graph size (Network.parse + analyzeNetwork on networks that branch and merge)',
    ['network', 'median per network', 'per node', 'per edge', 'vs the smallest', 'target'],
    rows,
  );
}

const started = performance.now();
await tf.setBackend('cpu');
console.log(
  `Learnable bench: Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}); ` +
    'medians after warm-up rounds; ratios are reported, not asserted.',
);
// `npm run bench -- graphs` runs one section; no argument runs them all.
const only = new Set(process.argv.slice(2));
const sections = {
  tfjs: engineVersusTfjs,
  handler: handlerVersusJsonFloor,
  scaling,
  graphs: graphScaling,
  bundle: async () => (await import('./bench/bundle')).bundleVersusEcho(),
};
for (const [name, run] of Object.entries(sections)) if (only.size === 0 || only.has(name)) await run();
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s (checksum ${sink}).`);
