import type { z } from 'zod';
import { isExact, MAX_EXACT, product, TOO_LARGE } from './exact';
import { specOf } from './layers';
import type { ApplyContext, LayerOutcome, NestedModel } from './layers/spec';
import type { LocatedProblem } from './located-problem';
import { LIMITS } from './limits';
import type { Convention, Shape } from './layer-rules';
import { fail, ok, type Result } from './result';
import type { Layer, Network } from './schema/network';
import type { LayerResult } from './schema/score-response';

/** Exact counts and shapes of one layer, as numbers safe to put in JSON (the response's layer without verdicts). */
export type LayerReport = Omit<z.infer<typeof LayerResult>, 'answer' | 'outputShapeAnswer'>;

export interface NetworkReport {
  /** Whose rules the counts follow (they differ for batch normalization only). */
  convention: Convention;
  input: number[];
  layers: LayerReport[];
  totals: { params: number; trainable: number; nonTrainable: number; explanation: string };
}

/** A reason the network cannot be counted; `path` is relative to the network object. */
export type NetworkProblem = LocatedProblem;

/** The name a network's first input goes by when it does not set `inputName`. */
export const DEFAULT_INPUT_NAME = 'input';

/** Index of "the network's input" in a layer's `from`. */
const NETWORK_INPUT = -1;

/** A network, or a nested model's layers, as the analyzer walks them. */
interface Graph {
  inputName?: string | undefined;
  layers: readonly Layer[];
  outputs?: readonly string[] | undefined;
}

/** What every level of nesting shares: the convention, and the budget of layers and connections left. */
interface Walk {
  convention: Convention;
  nodes: number;
  edges: number;
}

/** A tensor a later layer can take by name: a model input (index -1 or an `input` layer) or a layer's output. */
interface Named {
  index: number;
  shape: Shape;
}

/** A level's outcome: its layers, exact totals (each at most the checked `params`), and the shape it gives (its output). */
interface Analyzed {
  layers: LayerReport[];
  params: number;
  trainable: number;
  weights: number;
  biases: number;
  stored: number;
  output: Shape;
}

const problem = (path: (string | number)[], message: string): NetworkProblem[] => [{ path, message }];

/** Problems of layer `index`, their paths made relative to the level (built only when there are problems). */
const atLayer = (index: number, problems: readonly LocatedProblem[]): NetworkProblem[] =>
  problems.map((p) => ({ path: ['layers', index, ...p.path], message: p.message }));

/** The arity of a layer that does not say: one input. */
const ONE_INPUT = { min: 1, max: 1 };

/**
 * Infers every layer's output shape and counts its parameters exactly:
 * input 20×20×3 → conv2d 2@3×3 same → conv2d 3@3×3 same → flatten → dense 2
 * gives 56, 57, 0, 2402 and a total of 2515. A layer that names its `inputs` takes
 * those layers' outputs (a merge takes two or more), so networks may branch and merge;
 * a shared layer (`reuse`) counts once, and a nested model (`model`) counts its own layers.
 */
export function analyzeNetwork(
  network: Network,
  convention: Convention = 'keras',
): Result<NetworkReport, NetworkProblem[]> {
  const walk: Walk = { convention, nodes: LIMITS.maxNodes, edges: LIMITS.maxEdges };
  const analyzed = analyzeGraph(network, [network.input], walk, 0, false);
  if (!analyzed.ok) return analyzed;
  const { layers, params, trainable } = analyzed.value;
  return ok({ convention, input: [...network.input], layers, totals: levelTotals(layers, params, trainable) });
}

/** A level's totals as the report gives them: `56 + 57 + 0 + 2402 = 2515`. */
function levelTotals(layers: readonly LayerReport[], params: number, trainable: number) {
  let sum = '';
  for (const layer of layers) sum += sum === '' ? `${layer.params}` : ` + ${layer.params}`;
  return { params, trainable, nonTrainable: params - trainable, explanation: `${sum} = ${params}` };
}

/**
 * Analyzes one level: the network itself, or a nested model called on `inputs` (the first
 * goes to the level's own input name, the rest to its `input` layers in order).
 */
function analyzeGraph(
  graph: Graph,
  inputs: readonly Shape[],
  walk: Walk,
  depth: number,
  frozen: boolean,
): Result<Analyzed, NetworkProblem[]> {
  const inputName = graph.inputName ?? DEFAULT_INPUT_NAME;
  const first = inputs[0] ?? [];
  const names = new Map<string, Named>([[inputName, { index: NETWORK_INPUT, shape: first }]]);
  // Where every name is defined, to tell a name used too early (a cycle) from one that does not exist; and
  // whether the level branches, so that its report says where each layer takes its inputs from.
  const defined = new Map<string, number>();
  let showSources = false;
  for (let index = 0; index < graph.layers.length; index++) {
    const layer = graph.layers[index] as Layer;
    if (layer.name !== undefined && !defined.has(layer.name)) defined.set(layer.name, index);
    if (layer.inputs !== undefined || layer.type === 'input') showSources = true;
  }
  const layers: LayerReport[] = [];
  const outputs: Shape[] = [];
  let params = 0;
  let trainable = 0;
  let weights = 0;
  let biases = 0;
  let stored = 0;
  let extraInputs = 1;
  /** Names given to more than one layer (or to a layer and the input), with their indexes. */
  const ambiguous = new Map<string, number[]>();
  // One context for the level: each layer sets its inputs before it is applied (apply keeps nothing of it).
  const context: ApplyContext = {
    inputs: [],
    reapply: (name) =>
      ambiguous.has(name)
        ? problem(['layer'], ambiguousName(name, ambiguous.get(name) ?? []))
        : reapply(graph, names, layers, name, context.inputs, walk, depth),
    analyze: (model, freeze) => analyzeNested(model, context.inputs, walk, depth, frozen || freeze),
  };

  for (let index = 0; index < graph.layers.length; index++) {
    const layer = graph.layers[index] as Layer;
    walk.nodes -= 1;
    if (walk.nodes < 0) {
      return fail(
        problem(
          ['layers', index],
          `a network may have at most ${LIMITS.maxNodes} layers in all, nested models included`,
        ),
      );
    }
    const spec = specOf(layer);
    const arity = spec.arity ?? ONE_INPUT;

    // 1. The tensors it takes: those it names, or else the previous layer's output.
    let from: number[];
    let shapes: Shape[];
    if (arity.max === 0) {
      from = [];
      shapes = [];
      if (layer.inputs !== undefined) {
        return fail(
          problem(['layers', index, 'inputs'], `${spec.label} layers take no inputs: they are where data comes in`),
        );
      }
      if (layer.type === 'input' && depth > 0) {
        // A nested model's further inputs are the further tensors it is called on.
        const given = inputs[extraInputs++];
        const declared = layer.shape;
        if (!given || given.length !== declared.length || given.some((s, i) => s !== declared[i])) {
          return fail(
            problem(
              ['layers', index, 'shape'],
              given
                ? `this input of the nested model is declared ${layer.shape.join('×')} but is given ${given.join('×')}`
                : 'the nested model has more inputs than the layer that calls it gives it',
            ),
          );
        }
      }
    } else if (layer.inputs !== undefined) {
      from = [];
      shapes = [];
      for (const [j, name] of layer.inputs.entries()) {
        const source = names.get(name);
        if (!source)
          return fail(problem(['layers', index, 'inputs', j], unknownInput(name, index, defined, inputName)));
        const twice = ambiguous.get(name);
        if (twice) return fail(problem(['layers', index, 'inputs', j], ambiguousName(name, twice)));
        from.push(source.index);
        shapes.push(source.shape);
      }
    } else {
      from = [index - 1];
      shapes = [(index === 0 ? first : outputs[index - 1]) ?? first];
    }
    walk.edges -= shapes.length;
    if (walk.edges < 0) {
      return fail(
        problem(
          ['layers', index],
          `a network may have at most ${LIMITS.maxEdges} connections in all, nested models included`,
        ),
      );
    }
    if (shapes.length < arity.min || shapes.length > (arity.max ?? Infinity)) {
      return fail(
        problem(
          layer.inputs === undefined ? ['layers', index] : ['layers', index, 'inputs'],
          arityMessage(spec.label, arity, shapes.length),
        ),
      );
    }

    // 2. Its shape and counts, each checked to be exact (see `exact.ts`).
    context.inputs = shapes;
    const outcome = spec.apply(layer as never, shapes[0] ?? [], walk.convention, context);
    if (Array.isArray(outcome)) return fail(atLayer(index, outcome));
    const report = layerReport(layer, index, outcome, shapes, frozen, showSources ? from : undefined);
    if (!report.ok) return fail(atLayer(index, report.error));

    params += report.value.params;
    trainable += report.value.trainable;
    weights += outcome.weights;
    biases += outcome.biases;
    stored += outcome.nonTrainable;
    if (!isExact(params)) {
      return fail(problem(['layers', index], `the network's total parameter count up to this layer ${TOO_LARGE}`));
    }

    // 3. Its name, for the layers after it. Two layers may share a name (a request valid before
    // networks could branch stays valid); only naming such a name in inputs is refused.
    if (layer.name !== undefined) {
      const earlier = names.get(layer.name);
      if (earlier) ambiguous.set(layer.name, [...(ambiguous.get(layer.name) ?? [earlier.index]), index]);
      names.set(layer.name, { index, shape: outcome.outputShape });
    }
    layers.push(report.value);
    outputs.push(outcome.outputShape);
  }

  for (const [j, name] of (graph.outputs ?? []).entries()) {
    const twice = ambiguous.get(name);
    if (twice) return fail(problem(['outputs', j], ambiguousName(name, twice)));
  }
  const output = graphOutput(graph, names, outputs);
  if (!output.ok) return output;
  return ok({ layers, params, trainable, weights, biases, stored, output: output.value });
}

/** The shape a level gives: its `outputs`' (checked to exist) or its last layer's. */
function graphOutput(graph: Graph, names: Map<string, Named>, outputs: Shape[]): Result<Shape, NetworkProblem[]> {
  for (const [j, name] of (graph.outputs ?? []).entries()) {
    if (!names.has(name)) {
      return fail(problem(['outputs', j], `no layer is named ${quote(name)}, so it cannot be an output`));
    }
  }
  const chosen = graph.outputs?.[0];
  return ok((chosen === undefined ? outputs[outputs.length - 1] : names.get(chosen)?.shape) ?? []);
}

/** One layer's report: its counts, each checked to fit a JSON number exactly. */
function layerReport(
  layer: Layer,
  index: number,
  outcome: LayerOutcome,
  shapes: readonly Shape[],
  frozenAbove: boolean,
  from: number[] | undefined,
): Result<LayerReport, NetworkProblem[]> {
  const { outputShape } = outcome;
  if (!isExact(product(outputShape))) {
    // A size that itself passes 2^53 − 1 may be rounded as a number; the layer gave the shape exactly then.
    const quoted = (outcome.exactShape ?? outputShape).join('×');
    return fail(problem([], `the output of this layer (${quoted}) has a size that ${TOO_LARGE}`));
  }
  const params = outcome.weights + outcome.biases + outcome.nonTrainable;
  if (!isExact(params)) return fail(problem([], `this layer's parameter count ${TOO_LARGE}`));
  // A frozen layer (trainable: false, or inside a frozen model) keeps its count; Keras moves all of it to non-trainable.
  const frozen = frozenAbove || layer.trainable === false;
  const trainable = frozen ? 0 : (outcome.trainable ?? outcome.weights + outcome.biases);
  const frozenNote =
    layer.trainable === false && params > 0
      ? `; but this ${layer.type === 'model' ? 'model' : 'layer'} is frozen (trainable: false), so none of it is trained: all ${params} are non-trainable`
      : '';
  const report: LayerReport = {
    index,
    type: layer.type,
    inputShape: (shapes[0] ?? outputShape).slice(),
    outputShape: outputShape.slice(),
    weights: outcome.weights,
    biases: outcome.biases,
    trainable,
    nonTrainable: params - trainable,
    params,
    explanation: frozenNote === '' ? outcome.explanation : `${outcome.explanation}${frozenNote}`,
    shapeExplanation: outcome.shapeExplanation,
  };
  if (layer.name !== undefined) report.name = layer.name;
  if (from !== undefined) report.from = from;
  if (shapes.length > 1) report.inputShapes = shapes.map((s) => s.slice());
  if (outcome.sharedWith !== undefined) report.sharedWith = outcome.sharedWith;
  if (outcome.nested !== undefined) report.model = outcome.nested;
  return ok(report);
}

/** A nested model on the shapes it is called with: its layers, and one outcome for the layer that holds it. */
function analyzeNested(
  model: NestedModel,
  shapes: readonly Shape[],
  walk: Walk,
  depth: number,
  frozen: boolean,
): { outcome: LayerOutcome } | NetworkProblem[] {
  if (depth + 1 > LIMITS.maxNesting) {
    return problem([], `models may be nested at most ${LIMITS.maxNesting} deep`);
  }
  const analyzed = analyzeGraph(model as Graph, shapes, walk, depth + 1, frozen);
  if (!analyzed.ok) return analyzed.error;
  const { layers, params, trainable, weights, biases, stored, output } = analyzed.value;
  const totals = levelTotals(layers, params, trainable);
  return {
    outcome: {
      outputShape: output,
      weights,
      biases,
      nonTrainable: stored,
      trainable,
      // A long sum (a pretrained base has hundreds of layers) would bury the row: its layers show each count.
      explanation:
        layers.length <= 8
          ? `the sum of its ${layers.length} layers: ${totals.explanation}`
          : `the sum of its ${layers.length} layers' counts (each is in its own row): ${params}`,
      shapeExplanation: `its last layer's output: ${layers.at(-1)?.shapeExplanation ?? output.join('×')}`,
      nested: { layers, totals },
    },
  };
}

/**
 * A shared layer called again: the named layer applied to the new inputs, which must fit its
 * weights (same counts), and where those weights were counted.
 */
function reapply(
  graph: Graph,
  names: Map<string, Named>,
  reports: readonly LayerReport[],
  name: string,
  shapes: readonly Shape[],
  walk: Walk,
  depth: number,
): ReturnType<ApplyContext['reapply']> {
  const named = names.get(name);
  const original = named && named.index >= 0 ? reports[named.index] : undefined;
  const target = named && named.index >= 0 ? graph.layers[named.index] : undefined;
  if (!named || !original || !target || target.type === 'input') {
    return problem(
      ['layer'],
      named
        ? `${quote(name)} is an input, not a layer with weights to share`
        : `no earlier layer is named ${quote(name)} (a shared layer call names a layer before it)`,
    );
  }
  // A call of a call shares the first call's weights.
  const home = original.sharedWith ?? original.index;
  const layer = graph.layers[home] ?? target;
  const context: ApplyContext = {
    inputs: shapes,
    reapply: () => problem(['layer'], 'a shared layer call cannot itself be shared'),
    analyze: (model, freeze) => analyzeNested(model, shapes, walk, depth, freeze),
  };
  const outcome = specOf(layer).apply(layer as never, shapes[0] ?? [], walk.convention, context);
  if (Array.isArray(outcome)) {
    return problem(
      ['inputs'],
      `calling ${quote(name)} again on ${shapes.map(shapeOf).join(' and ')} fails: ${outcome[0]?.message ?? ''}`,
    );
  }
  const params = outcome.weights + outcome.biases + outcome.nonTrainable;
  const first = reports[home] ?? original;
  if (params !== first.params) {
    return problem(
      ['inputs'],
      `${quote(name)} was built for inputs of ${first.inputShape.join('×')} (${first.params} parameters); on ${shapes.map(shapeOf).join(' and ')} it would need ${countText(outcome)}, so its weights cannot be shared: a shared layer is called on inputs of the shape it was built for`,
    );
  }
  return { index: home, params, outcome };
}

const shapeOf = (shape: Shape) => shape.join('×');

/**
 * An outcome's parameter count in words, exactly: past 2^53 − 1 the sum is worked as BigInts; a part that itself
 * passes it is not known exactly as a number, and is said to (this count is not checked where it is formed).
 */
function countText({ weights, biases, nonTrainable }: LayerOutcome): string {
  const sum = weights + biases + nonTrainable;
  if (isExact(sum)) return String(sum);
  if (isExact(weights) && isExact(biases) && isExact(nonTrainable)) {
    return String(BigInt(weights) + BigInt(biases) + BigInt(nonTrainable));
  }
  return `more than ${MAX_EXACT}`;
}
const quote = (name: string) => JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);

function unknownInput(name: string, index: number, defined: Map<string, number>, inputName: string): string {
  const later = defined.get(name);
  if (later === index) return `layer ${index} cannot take its own output (${quote(name)}): a network has no cycles`;
  if (later !== undefined) {
    return `${quote(name)} is layer ${later}, after this one: a layer takes inputs only from layers before it, so a network has no cycles`;
  }
  return `no earlier layer or input is named ${quote(name)} (the input is ${quote(inputName)})`;
}

function ambiguousName(name: string, indexes: readonly number[]): string {
  const which = indexes.map((i) => (i === NETWORK_INPUT ? 'the input' : `layer ${i}`)).join(' and ');
  return `${which} are all named ${quote(name)}, so the name does not say which one: give each a name of its own`;
}

function arityMessage(label: string, arity: { min: number; max?: number }, given: number): string {
  if (arity.min >= 2) {
    const wanted = arity.max === arity.min ? `exactly ${arity.min}` : `${arity.min} or more`;
    return `${label} merges ${wanted} inputs, but it is given ${given}: list them in inputs, such as ["conv_1", "shortcut"]`;
  }
  return `${label} takes one input, but inputs lists ${given}: merge them first (add, concatenate, …)`;
}
