import type { LayerReport } from './analyze-network';
import { DEFAULT_INPUT_NAME } from './analyze-network';
import { specOf } from './layers';
import { tuple } from './layers/internal/python';
import type { Layer } from './schema/network';

/** A network or a nested model, as the code writers walk it. */
interface Scope {
  inputName?: string | undefined;
  layers: readonly Layer[];
  outputs?: readonly string[] | undefined;
}

/** Whether a network needs Keras's functional API (and a PyTorch `forward`): it branches, shares or nests. */
export function isGraph(scope: Scope): boolean {
  return scope.layers.some(
    (l) =>
      l.inputs !== undefined ||
      l.type === 'input' ||
      l.type === 'reuse' ||
      l.type === 'model' ||
      // An operation on a tensor and a number is not a layer a Sequential model can hold.
      specOf(l).keras.callArgs !== undefined,
  );
}

/** The variable each layer's inputs are, by index: the named ones, or the previous layer's. */
function sources(scope: Scope, names: (i: number) => string, input: string): string[][] {
  const byName = new Map<string, string>([[scope.inputName ?? DEFAULT_INPUT_NAME, input]]);
  return scope.layers.map((layer, i) => {
    const taken = layer.inputs?.map((name) => byName.get(name) ?? input) ?? [i === 0 ? input : names(i - 1)];
    if (layer.name !== undefined) byName.set(layer.name, names(i));
    return taken;
  });
}

/** The index of the layer a reuse shares, followed through calls of calls. */
function sharedIndex(scope: Scope, reuse: Extract<Layer, { type: 'reuse' }>, before: number): number {
  for (let i = before - 1; i >= 0; i--) {
    const layer = scope.layers[i];
    if (layer?.name !== reuse.layer) continue;
    return layer.type === 'reuse' ? sharedIndex(scope, layer, i) : i;
  }
  return -1;
}

/** The variables a scope's outputs are: those it names, or its last layer's. */
function outputVars(scope: Scope, names: (i: number) => string): string[] {
  if (!scope.outputs) return [names(scope.layers.length - 1)];
  return scope.outputs.map((name) => {
    let index = -1;
    scope.layers.forEach((l, i) => {
      if (l.name === name) index = i;
    });
    return names(index);
  });
}

/**
 * Keras functional code for a network that branches: one line per layer, `t3 = layers.Add()([t1, t2])`,
 * a shared layer kept as an object and called again, a nested model built by its own function.
 */
export function kerasGraphLines(
  scope: Scope,
  input: readonly number[],
  reports: readonly LayerReport[],
  call: (layer: Layer) => string,
  prefix = '',
): { definitions: string[]; body: string[]; inputs: string[]; outputs: string[] } {
  const t = (i: number) => `${prefix}t${i}`;
  const start = `${prefix}inputs`;
  const shared = new Set(
    scope.layers.flatMap((l, i) => (l.type === 'reuse' ? [sharedIndex(scope, l, i)] : [])).filter((i) => i >= 0),
  );
  const taken = sources(scope, t, start);
  const definitions: string[] = [];
  const body = [`${start} = keras.Input(shape=${tuple(input)})`];
  const inputs = [start];
  for (const [i, layer] of scope.layers.entries()) {
    const args = taken[i] ?? [];
    const callArgs = specOf(layer).keras.callArgs;
    const argText = callArgs ? callArgs(layer, args) : args.length === 1 ? (args[0] ?? start) : `[${args.join(', ')}]`;
    if (layer.type === 'input') {
      body.push(`${t(i)} = keras.Input(shape=${tuple(layer.shape)}, name=${JSON.stringify(layer.name)})`);
      inputs.push(t(i));
      continue;
    }
    if (layer.type === 'reuse') {
      body.push(`${t(i)} = ${prefix}layer${sharedIndex(scope, layer, i)}(${argText})  # shared: the same weights`);
      continue;
    }
    let object: string;
    if (layer.type === 'model') {
      const inner = kerasGraphLines(
        layer,
        reports[i]?.inputShape ?? [],
        reports[i]?.model?.layers ?? [],
        call,
        `${prefix}m${i}_`,
      );
      const builder = `build_${prefix}model${i}`;
      definitions.push(
        ...inner.definitions,
        `def ${builder}():`,
        ...inner.body.map((line) => `    ${line}`),
        `    return keras.Model(${listOf(inner.inputs)}, ${listOf(inner.outputs)}${layer.name === undefined ? '' : `, name=${JSON.stringify(layer.name)}`})`,
        '',
      );
      object = `${builder}()`;
      if (layer.trainable === false || shared.has(i)) {
        body.push(`${prefix}layer${i} = ${object}`);
        if (layer.trainable === false)
          body.push(`${prefix}layer${i}.trainable = False  # frozen: counted, not trained`);
        object = `${prefix}layer${i}`;
      }
    } else {
      object = call(layer);
      if (shared.has(i)) {
        body.push(`${prefix}layer${i} = ${object}`);
        object = `${prefix}layer${i}`;
      }
    }
    body.push(`${t(i)} = ${object}(${argText})`);
  }
  return { definitions, body, inputs, outputs: outputVars(scope, t) };
}

const listOf = (vars: readonly string[]) => (vars.length === 1 ? (vars[0] ?? '') : `[${vars.join(', ')}]`);

/** PyTorch's dimension for our axis `at` of a channels-last shape of `rank` (channels go to dim 1). */
const torchDim = (at: number, rank: number) => (rank === 1 || at === rank - 1 ? 1 : at + 2);

/**
 * A PyTorch module class for a network that branches: its layers as attributes, and a `forward`
 * that follows the graph (a merge is an expression: `t3 = t1 + t2`, `torch.cat([...], dim=1)`).
 * Returns the class lines (nested models' classes first) and the names of its forward's inputs.
 */
export function torchGraphClass(
  scope: Scope,
  reports: readonly LayerReport[],
  className: string,
): { lines: string[]; modules: string[]; inputs: number } {
  const t = (i: number) => `t${i}`;
  const taken = sources(scope, t, 'x');
  const classes: string[] = [];
  const init: string[] = [];
  const forward: string[] = [];
  const modules: string[] = [];
  const args = ['x'];
  for (const [i, layer] of scope.layers.entries()) {
    const at = reports[i];
    const ins = taken[i] ?? ['x'];
    const first = ins[0] ?? 'x';
    const label = `# layer ${i + 1}: ${layer.type}${layer.name === undefined ? '' : ` (${layer.name})`}`;
    if (layer.type === 'input') {
      args.push(t(i));
      continue;
    }
    if (layer.type === 'reuse') {
      forward.push(`${t(i)} = self.l${sharedIndex(scope, layer, i)}(${first})  ${label}, shared weights`);
      continue;
    }
    if (layer.type === 'model') {
      const inner = torchGraphClass(layer, at?.model?.layers ?? [], `${className}_${i}`);
      classes.push(...inner.lines);
      modules.push(...inner.modules);
      init.push(`self.l${i} = ${className}_${i}()  ${label}`);
      if (layer.trainable === false) init.push(`self.l${i}.requires_grad_(False)  # frozen: counted, not trained`);
      forward.push(`${t(i)} = self.l${i}(${ins.join(', ')})`);
      continue;
    }
    const arithmetic = specOf(layer).pytorchForward;
    if (arithmetic) {
      forward.push(`${t(i)} = ${arithmetic(layer, ins)}  ${label}`);
      continue;
    }
    if (layer.type === 'concatenate') {
      const rank = at?.inputShape.length ?? 3;
      const axis = layer.axis ?? -1;
      const index = axis < 0 ? rank + axis : axis - 1;
      forward.push(`${t(i)} = torch.cat([${ins.join(', ')}], dim=${torchDim(index, rank)})  ${label}`);
      continue;
    }
    if (layer.type === 'dot') {
      // Two vectors: one dot product per example, kept as [batch, 1] as Keras does.
      forward.push(
        at?.inputShape.length === 1
          ? `${t(i)} = (${ins.join(' * ')}).sum(dim=1, keepdim=True)  ${label}`
          : `raise NotImplementedError("dot of tensors of rank above 1 is not written for PyTorch here")  ${label}`,
      );
      continue;
    }
    const lines = specOf(layer).pytorch(layer, at?.inputShape ?? []);
    const code = lines.filter((line) => !line.startsWith('#'));
    modules.push(...code);
    if (code.length === 0) {
      forward.push(`${t(i)} = ${first}  ${label}, no module`);
      continue;
    }
    init.push(`self.l${i} = nn.Sequential(${code.join(', ')})  ${label}`);
    forward.push(`${t(i)} = self.l${i}(${first})`);
  }
  const outputs = outputVars(scope, t);
  return {
    lines: [
      ...classes,
      `class ${className}(nn.Module):`,
      '    def __init__(self):',
      '        super().__init__()',
      ...(init.length === 0 ? ['        pass'] : init.map((line) => `        ${line}`)),
      '',
      `    def forward(self, ${args.join(', ')}):`,
      ...forward.map((line) => `        ${line}`),
      `        return ${outputs.join(', ')}`,
      '',
    ],
    modules,
    inputs: args.length,
  };
}
