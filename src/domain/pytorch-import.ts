import { fail, ok, type Result } from './result';
import { countModules, type CountedModule } from './pytorch/count-modules';
import { UNCOUNTABLE_PARAMETERS } from './pytorch/owning-containers';
import { parseRepr, type ReprProblem } from './pytorch/parse-repr';

export type { ReprProblem as PytorchProblem } from './pytorch/parse-repr';

/** A model read from `print(model)`: every module with its exact count, the total, and what the text cannot show. */
export interface PytorchModel {
  /** In `model.named_modules()` order; the first is the model itself (path `''`). */
  modules: CountedModule[];
  total: bigint;
  /** The total's arithmetic: the model's top-level children added up. */
  explanation: string;
  notes: string[];
  /** BatchNorm's running mean and variance elements, and how many modules keep them (for diagnosing totals). */
  statistics: bigint;
  trackers: bigint;
}

/** Said for every model: the convention, and what no `print(model)` shows. */
const ALWAYS = [
  "Counted by PyTorch's convention, as sum(p.numel() for p in model.parameters()) counts: buffers, such as BatchNorm's running mean and variance, are not parameters.",
  'print(model) does not show requires_grad, so every parameter is counted as trainable; a frozen module has the same parameters, only not trained.',
  'A module called more than once in forward() is printed once and counted once, as PyTorch does. One module registered under two names is printed twice and counted twice here, though PyTorch counts it once.',
  'print(model) shows no input, so output shapes are not known here; no count depends on them.',
];

const REPEATS =
  'Lines such as "(0-2): 3 x Block(…)", where newer PyTorch prints identical modules of a ModuleList once, are counted as that many modules, numbered as named_modules() numbers them.';

/** A custom class's own nn.Parameter attributes never appear in its repr: say which classes may hold some. */
function unknownContainerNotes(unknown: ReadonlyMap<string, number>): string[] {
  const byLine = [...unknown].sort((a, b) => a[1] - b[1]);
  const known = byLine.filter(([name]) => UNCOUNTABLE_PARAMETERS.has(name));
  const others = byLine.filter(([name]) => !UNCOUNTABLE_PARAMETERS.has(name));
  const notes = known.map(
    ([name, line]) =>
      `${UNCOUNTABLE_PARAMETERS.get(name)} itself, a parameter print(model) gives no size for, so ${name} (line ${line}) and the model are counted without it, short of PyTorch's count by its size.`,
  );
  if (others.length > 0) {
    const names = others.map(([name, line]) => `${name} (line ${line})`);
    const shown = names.length > 12 ? [...names.slice(0, 12), `${names.length - 12} more`] : names;
    notes.push(
      `Learnable does not know ${shown.join(', ')}: each is counted as the sum of its children. print(model) does not show parameters a custom module holds itself (an nn.Parameter attribute rather than a child module), so any such parameter is not counted.`,
    );
  }
  return notes;
}

/**
 * Reads what `print(model)` prints for a torch.nn model and counts every module exactly, in
 * PyTorch's convention; problems name their line.
 * `importPytorchModel('Sequential(\n  (0): Linear(in_features=4, out_features=2, bias=True)\n)')` →
 * `{ ok: true, value: { total: 10n, modules: [{ path: '', … }, { path: '0', params: 10n, … }], … } }`.
 */
export function importPytorchModel(text: string): Result<PytorchModel, ReprProblem[]> {
  const parsed = parseRepr(text);
  if (!parsed.ok) return parsed;
  const counted = countModules(parsed.value);
  if (!counted.ok) return counted;
  const { modules, unknownContainers, notes, repeats, statistics, trackers } = counted.value;
  const root = modules[0];
  if (!root) return fail([{ line: 0, message: 'the text holds no module' }]);
  return ok({
    modules,
    total: root.params,
    explanation: root.explanation,
    notes: [...ALWAYS, ...(repeats ? [REPEATS] : []), ...notes, ...unknownContainerNotes(unknownContainers)],
    statistics,
    trackers,
  });
}
