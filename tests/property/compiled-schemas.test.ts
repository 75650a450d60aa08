import * as z from 'zod';
import { describe, expect, test } from 'vitest';
import { LAYERS, LAYER_TYPES } from '../../src/domain/layers';
import { createRandom, type Random } from '../../src/domain/random';
import { generatedParsers, hasGeneratedParser, requestParseOptions, withoutCompiledParser } from '#compiled-parsers';
import { kit } from '../../src/domain/schema/layer-kit';
import { Layer, Network, networkSchemas, unknownLayerMessage } from '../../src/domain/schema/network';
import { Answers, ScoreRequest } from '../../src/domain/schema/score-request';
import { randomConvNetwork } from '../support/random-conv1d-3d';
import { randomGraph } from '../support/random-graph';
import { randomNetwork } from '../support/random-network';
import { randomShapeNetwork } from '../support/random-shape-network';

// The network schema the API and the site use has zod's compiled parser installed on every layer
// type (src/domain/schema/compiled.ts). The same schemas built without it are zod's own parsers:
// on every valid network and every broken one, both must give the same data or the same issues.
const reference = networkSchemas(kit).Network;

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Both parses of `input`, in comparable form: success, data, and every issue's code, path and message. */
function outcome(schema: z.ZodType, input: unknown, options?: { jitless: true }) {
  const result = schema.safeParse(input, options);
  return result.success
    ? { success: true, data: result.data }
    : {
        success: false,
        issues: result.error.issues.map(({ code, path, message }) => ({ code, path, message })),
      };
}

function validNetworks(random: Random, count: number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    switch (i % 5) {
      case 0:
        out.push(randomNetwork(random));
        break;
      case 1:
        out.push(randomGraph(random));
        break;
      case 2:
        out.push(randomConvNetwork(random, random.chance(0.5) ? '1d' : '3d', 'tfjs'));
        break;
      case 3:
        out.push(randomShapeNetwork(random, 'tfjs'));
        break;
      default: {
        const type = random.pick(LAYER_TYPES);
        const { input, before = [], layer } = LAYERS[type].example;
        out.push({ input, layers: [...before, layer] });
      }
    }
  }
  return out.map(plain);
}

/** Values that break a layer option in the ways requests do: wrong type, out of range, wrong form. */
const BAD_VALUES: unknown[] = [-1, 0, 1.5, 2 ** 53, '3', null, true, [], [0, 0], [1, 2, 3, 4], {}, 'same', 'causal'];

/** One mutation of a valid network: a layer option broken, an unknown key, a key dropped, a wrong type. */
function mutate(random: Random, network: { input: unknown[]; layers: Record<string, unknown>[] }): unknown {
  const copy = plain(network) as typeof network;
  const layer = random.pick(copy.layers);
  const keys = Object.keys(layer);
  switch (random.int(0, 6)) {
    case 0:
    case 1:
      layer[random.pick(keys)] = random.pick(BAD_VALUES);
      break;
    case 2:
      layer[random.pick(['unit', 'kernel_size', 'bias', 'stride'])] = 1;
      break;
    case 3: {
      const dropped = random.pick(keys);
      copy.layers[copy.layers.indexOf(layer)] = Object.fromEntries(
        Object.entries(layer).filter(([k]) => k !== dropped),
      );
      break;
    }
    case 4:
      layer.type = random.pick([...LAYER_TYPES, 'conv4d', 'Dense', '']);
      break;
    case 5:
      copy.input = [random.pick(BAD_VALUES)];
      break;
    default:
      copy.layers.splice(random.int(0, copy.layers.length), 0, random.pick(BAD_VALUES) as Record<string, unknown>);
  }
  return copy;
}

describe("the compiled layer parsers agree with zod's own", () => {
  const random = createRandom('compiled-schemas');
  const valid = validNetworks(random, 1500);

  test('on 1,500 valid networks of every family (and every layer type), the same data', () => {
    for (const network of valid) expect(outcome(Network, network)).toEqual(outcome(reference, network));
    for (const network of valid) expect(Network.safeParse(network).success).toBe(true);
    // The fast path is really taken: parsers were generated for the layer types these networks use, and for the
    // network as a whole (its list and union, each layer a call to its type's).
    expect(generatedParsers.count).toBeGreaterThanOrEqual(20);
    expect(hasGeneratedParser(Network)).toBe(true);
    expect(reference).not.toBe(Network);
  });

  test('on 6,000 broken networks, the same issues at the same paths with the same messages', () => {
    let refused = 0;
    for (let i = 0; i < 6000; i++) {
      const broken = mutate(random, random.pick(valid) as Parameters<typeof mutate>[1]);
      const ours = outcome(Network, broken);
      expect(ours).toEqual(outcome(reference, broken));
      if (!ours.success) refused += 1;
    }
    // Most mutations break the network (some, such as dropping an optional key, leave it valid).
    expect(refused).toBeGreaterThan(4000);
  });
});

describe('the layer union, whose types are built when first parsed, agrees with one built whole', () => {
  // What the union was before its options became lazy: every layer type's schema, built at once.
  const eager = z.discriminatedUnion(
    'type',
    LAYER_TYPES.map((type) => LAYERS[type].schema(kit)) as unknown as [z.ZodObject<{ type: z.ZodLiteral<string> }>],
    { error: (issue) => unknownLayerMessage(issue.input) },
  );
  const random = createRandom('lazy-layer-union');
  const valid = validNetworks(random, 600) as { input: unknown[]; layers: Record<string, unknown>[] }[];
  const layersOf = (network: unknown) =>
    typeof network === 'object' && network !== null && Array.isArray((network as { layers?: unknown }).layers)
      ? ((network as { layers: unknown[] }).layers as unknown[])
      : [];

  test('on every layer of 600 valid networks and 3,000 broken ones, the same data or the same issues', () => {
    let layers = 0;
    let refused = 0;
    const networks = [...valid, ...Array.from({ length: 3000 }, () => mutate(random, random.pick(valid)))];
    for (const network of networks) {
      for (const layer of layersOf(network)) {
        const ours = outcome(Layer, layer);
        expect(ours).toEqual(outcome(eager, layer));
        layers += 1;
        if (!ours.success) refused += 1;
      }
    }
    expect(layers).toBeGreaterThan(10000);
    expect(refused).toBeGreaterThan(1500);
  });

  test('an unknown type and a layer that is not an object get the union’s own message', () => {
    expect(outcome(Layer, { type: 'conv4d' })).toEqual(outcome(eager, { type: 'conv4d' }));
    const unknown = Layer.safeParse({ type: 'conv4d', filters: 2 });
    expect(unknown.error?.issues[0]?.message).toMatch(
      /^unknown layer type "conv4d" \(known types: conv2d, depthwiseConv2d, /,
    );
    expect(Layer.safeParse(7).error?.issues[0]?.message).toMatch(/^a layer must be an object such as/);
  });
});

describe("the compiled answers parser agrees with zod's own", () => {
  const random = createRandom('compiled-answers');
  const reference = withoutCompiledParser(Answers);
  const counts: unknown[] = [
    0,
    56,
    2515,
    2 ** 53 - 1,
    2 ** 53,
    -1,
    1.5,
    '2,402',
    ' 2 402 ',
    '2_402',
    '12,34',
    '',
    'x',
    null,
    true,
    [],
    {},
  ];
  const shapes: unknown[] = [[20, 20, 2], [1200], [0], [1.5], [], [1, 2, 3, 4, 5], null, '20x20', [[20]], [20, '20']];
  const answers = (): unknown => {
    const pick = <T>(items: readonly T[]) => items[random.int(0, items.length - 1)];
    const layers = Array.from({ length: random.int(0, 6) }, () => pick(counts));
    const out: Record<string, unknown> = {};
    if (random.chance(0.8)) out.layers = random.chance(0.05) ? pick(counts) : layers;
    if (random.chance(0.7)) out.total = pick(counts);
    if (random.chance(0.5)) out.outputShapes = Array.from({ length: random.int(0, 6) }, () => pick(shapes));
    if (random.chance(0.05)) out.totals = 1;
    return random.chance(0.03) ? pick(counts) : out;
  };

  test('on 5,000 answer sets, right and wrong, the same data or the same issues', () => {
    expect(reference).not.toBe(Answers);
    let refused = 0;
    for (let i = 0; i < 5000; i++) {
      const input = answers();
      const ours = outcome(Answers, input);
      expect(ours).toEqual(outcome(reference, input));
      if (!ours.success) refused += 1;
    }
    expect(refused).toBeGreaterThan(1000);
    expect(refused).toBeLessThan(4500);
    // Digit strings are trimmed by either parser.
    expect(Answers.parse({ total: ' 2,515 ' })).toEqual({ total: '2,515' });
  });
});

// A process's first request is parsed by zod's interpreter (`requestParseOptions`), every later one with the
// parsers zod writes for its object schemas: both must read every request alike.
describe("a request's first, jitless parse agrees with the later ones", () => {
  const random = createRandom('jitless-requests');
  const valid = validNetworks(random, 600);

  test('the first request of a process alone is parsed jitless', () => {
    // This file's earlier parses never asked; the first ask is the process's first request.
    expect(requestParseOptions()).toEqual({ jitless: true });
    expect(requestParseOptions()).toBeUndefined();
    expect(requestParseOptions()).toBeUndefined();
  });

  test('on 600 valid and 3,000 broken requests, the same data or the same issues', () => {
    let refused = 0;
    const requests = [
      ...valid.map((network) => ({ network, answers: { total: 1, layers: [] } })),
      ...Array.from({ length: 3000 }, () => {
        const network = mutate(random, random.pick(valid) as Parameters<typeof mutate>[1]);
        return random.chance(0.2)
          ? { network, answers: random.pick([{ total: -1 }, { layers: 'x' }, null]) }
          : { network };
      }),
    ];
    for (const request of requests) {
      const jitless = outcome(ScoreRequest, request, { jitless: true });
      expect(jitless).toEqual(outcome(ScoreRequest, request));
      if (!jitless.success) refused += 1;
    }
    expect(refused).toBeGreaterThan(2000);
  });
});

// The whole request is parsed by one generated function from its second parse on (`withCompiledMethods`): its
// objects, the network's layer list and union, each layer handed to its type's parser; anything it refuses is
// parsed again by zod. Every source a request may name, and every way of naming two or none, is compared here.
describe("the compiled request parser agrees with zod's own", () => {
  const random = createRandom('compiled-requests');
  const reference = withoutCompiledParser(ScoreRequest);
  const valid = validNetworks(random, 400) as Parameters<typeof mutate>[1][];
  const nested = {
    input: [8, 8, 3],
    layers: [
      { type: 'conv2d', filters: 2, kernelSize: 3 },
      {
        type: 'model',
        name: 'block',
        trainable: false,
        layers: [{ type: 'conv2d', filters: 4, kernelSize: 1 }, { type: 'batchNormalization' }],
      },
      { type: 'flatten' },
      { type: 'dense', units: 2 },
    ],
  };
  const counts: unknown[] = [0, 56, '2,402', ' 2 402 ', 2 ** 53, -1, 1.5, '12,34', null, 'x'];
  const shapes: unknown[] = [[20, 20, 2], [1200], null, [0], [], '20x20'];
  // Mostly right-looking answers (so that many requests pass), now and then a wrong one of each kind.
  const count = () => (random.chance(0.97) ? random.int(0, 5000) : random.pick(counts));
  const shape = () => (random.chance(0.97) ? [random.int(1, 30), random.int(1, 30)] : random.pick(shapes));
  const answers = (layers: number) => ({
    layers: Array.from({ length: layers }, count),
    ...(random.chance(0.7) && { total: count() }),
    ...(random.chance(0.5) && { outputShapes: Array.from({ length: layers }, shape) }),
  });
  const practiceSet = () =>
    random.pick<unknown>([
      { seed: 'week-3', index: 0 },
      { seed: 'week-3', level: 2, count: 10, index: 9 },
      { version: 2, seed: 'graphs', level: 5, index: 1, include: ['add', 'dense'], askShapes: true },
      { seed: 'week 3', index: 0 },
      { seed: 'week-3', index: -1 },
      { seed: 'week-3', level: 5, index: 0 },
      { seed: 'week-3', index: 0, count: 51 },
      { seed: 'week-3', index: 0, include: ['conv4d'] },
      { seed: 'week-3' },
    ]);
  const request = (): unknown => {
    const network = random.chance(0.1) ? nested : random.pick(valid);
    const broken = random.chance(0.4) ? mutate(random, network) : network;
    switch (random.int(0, 9)) {
      case 0:
        return { practiceSet: practiceSet(), ...(random.chance(0.5) && { answers: answers(3) }) };
      case 1:
        return { kerasModel: random.pick<unknown>(['{"class_name": "Sequential"}', { config: {} }, 7]) };
      case 2:
        return { pytorchModel: random.pick<unknown>(['Sequential(\n  (0): Linear(4, 2)\n)', 7, null]) };
      case 3:
        return { network: broken, practiceSet: practiceSet() };
      case 4:
        return random.pick<unknown>([{}, { answers: answers(1) }, null, [], 'network', { network: broken, extra: 1 }]);
      case 5:
        return { network: broken, convention: random.pick<unknown>(['keras', 'pytorch', 'tf', 1]) };
      default:
        return { network: broken, answers: answers(network.layers.length) };
    }
  };

  test('on 4,000 requests, right and wrong, the same data or the same issues', () => {
    expect(reference).not.toBe(ScoreRequest);
    let refused = 0;
    let accepted = 0;
    for (let i = 0; i < 4000; i++) {
      const input = plain(request());
      const ours = outcome(ScoreRequest, input);
      expect(ours).toEqual(outcome(reference, input));
      if (ours.success) accepted += 1;
      else refused += 1;
    }
    expect(hasGeneratedParser(ScoreRequest)).toBe(true);
    expect(refused).toBeGreaterThan(1000);
    expect(accepted).toBeGreaterThan(1000);
  });

  test('a nested model, frozen, parses with its defaults as zod parses it', () => {
    const parsed = ScoreRequest.parse({ network: nested });
    expect(parsed).toEqual(reference.parse({ network: nested }));
    expect(parsed.network?.layers[1]).toMatchObject({ type: 'model', trainable: false });
  });
});
