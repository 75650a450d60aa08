import { isExactBigInt } from '../exact';
import { LIMITS } from '../limits';
import { fail, ok, type Result } from '../result';
import { Arguments } from './arguments';
import { OWNING_CONTAINERS } from './owning-containers';
import type { ReprChild, ReprModule, ReprParameter, ReprProblem } from './parse-repr';
import { COUNTED_CLASSES, KNOWN_CONTAINERS, PARAMETER_FREE, type OwnCount } from './torch-classes';

/** One module of the model, where `named_modules()` would list it, with its exact count. */
export interface CountedModule {
  /** `'layer1.0.conv1'`; `''` is the model itself. */
  path: string;
  type: string;
  depth: number;
  line: number;
  kind: 'layer' | 'container';
  /** Its parameters, its children's included. */
  params: bigint;
  /** Parameters it holds itself, beside its children (a layer's are all its own). */
  own: bigint;
  explanation: string;
}

/** A parsed module's counts, found once however often a repeat line uses it. */
interface Counted {
  own: OwnCount;
  kind: 'layer' | 'container';
  /** Modules in its subtree once repeats are expanded, itself included. */
  size: number;
  params: bigint;
  /** Running-statistics elements (2 × C per BatchNorm) and modules keeping them, in its subtree. */
  statistics: bigint;
  trackers: bigint;
  /** Past 2^53 − 1 here or below (said once, at the deepest such module). */
  inexact: boolean;
}

/** A counted model: its modules in `named_modules()` order, and what the notes need to know. */
export interface CountedModel {
  modules: CountedModule[];
  /** Classes counted as the sum of their children without being known to hold nothing else: name → first line. */
  unknownContainers: Map<string, number>;
  /** What some module's repr cannot show, said once each. */
  notes: Set<string>;
  /** Whether `(0-2): 3 x Block(…)` lines were expanded. */
  repeats: boolean;
  /** The model's running-statistics buffers (BatchNorm's mean and variance) and the modules keeping them. */
  statistics: bigint;
  trackers: bigint;
}

/** Ends the message refusing an unknown class until the first such message gets the list of known ones. */
const UNKNOWN = ' (unknown)';

/** What Learnable knows, for the first message refusing a class it does not. */
const KNOWN_LEAVES = () =>
  `counted from their arguments: ${[...COUNTED_CLASSES.keys()].join(', ')}; ` +
  `without parameters: ${[...PARAMETER_FREE.keys()].join(', ')}; ` +
  `containers: ${[...KNOWN_CONTAINERS, ...OWNING_CONTAINERS.keys()].join(', ')} (and any module printed with children)`;

/** The keys a child line stands for: `(0-2): 3 x …` → `['0', '1', '2']`. */
const childKeys = ({ key, repeat }: ReprChild) =>
  repeat ? Array.from({ length: repeat.count }, (_, i) => String(repeat.from + i)) : [key];

/** ParameterList / ParameterDict entries: `'0 3 + 1 2×3 = 6 = 9'`. */
function parameterCount(parameters: readonly ReprParameter[]): OwnCount {
  const sizes = parameters.map((p) => (p.isParameter ? p.shape.reduce((a, b) => a * b, 1n) : 0n));
  const params = sizes.reduce((a, b) => a + b, 0n);
  const terms = parameters.map((p, i) =>
    p.isParameter
      ? `${p.key} ${p.shape.length > 1 ? `(${p.shape.join('×')}) ` : ''}${sizes[i]}`
      : `${p.key} 0 (a tensor, not a parameter)`,
  );
  return { params, explanation: `${terms.join(' + ')} = ${params}` };
}

/** The parameters a module holds itself, from its class and arguments; `'children'` for a plain container. */
function ownCount(module: ReprModule): Result<OwnCount | 'children', string[]> {
  const { className, args, children, parameters } = module;
  if (parameters.length > 0) return ok(parameterCount(parameters));
  const counted = COUNTED_CLASSES.get(className);
  if (counted) {
    const bound = Arguments.bind(className, counted.signature, args);
    if (!bound.ok) return fail(bound.error.map((message) => `${className}: ${message}`));
    const own = counted.count(bound.value);
    return bound.value.problems.length > 0
      ? fail(bound.value.problems.map((message) => `${className}: ${message}`))
      : ok(own);
  }
  const why = PARAMETER_FREE.get(className);
  if (why) return ok({ params: 0n, explanation: `0: ${why}` });
  const owning = OWNING_CONTAINERS.get(className);
  if (owning) {
    const own = owning.own(module);
    return own.ok ? own : fail([`${className}: ${own.error}`]);
  }
  if (children.length > 0 || KNOWN_CONTAINERS.has(className)) return ok('children');
  return fail([
    `${className} is a module Learnable does not know, printed without children, so print(model) does not show what parameters it has${UNKNOWN}`,
  ]);
}

const tooMany = (): ReprProblem[] => [
  {
    line: 0,
    message: `the model has more than ${LIMITS.maxPytorchModules} modules once its "(a-b): n x" lines are expanded; at most ${LIMITS.maxPytorchModules} are counted`,
  },
];

/**
 * Counts every module of a parsed `print(model)` tree exactly: a known layer from its
 * arguments, a container as the sum of its children (plus what a known owning container holds
 * itself), in `named_modules()` order with `(0-2): 3 x` lines expanded. Unknown layers, bad
 * arguments, repeated names and counts past 2^53 − 1 are problems at their lines.
 * Work is bounded by `LIMITS.maxPytorchModules`, whatever the repeat counts say.
 */
export function countModules(root: ReprModule): Result<CountedModel, ReprProblem[]> {
  const problems: ReprProblem[] = [];
  const unknownContainers = new Map<string, number>();
  const notes = new Set<string>();
  let repeats = false;
  const counted = new Map<ReprModule, Counted>();

  // Children before parents, without recursion.
  const order: ReprModule[] = [];
  for (const pending = [root]; pending.length > 0;) {
    const next = pending.pop() as ReprModule;
    order.push(next);
    for (const c of next.children) if (c.module) pending.push(c.module);
  }
  // Each parsed module appears at least once in the expanded model, so keys seen across
  // all of them never exceed its size: past the limit the model is too large, and we stop.
  let keysSeen = 0;
  for (const module of order.reverse()) {
    const own = ownCount(module);
    if (!own.ok) {
      problems.push(...own.error.map((message) => ({ line: module.line, message })));
    }
    const ownValue: OwnCount = own.ok && own.value !== 'children' ? own.value : { params: 0n, explanation: '' };
    const at: Counted = {
      own: ownValue,
      kind: module.children.length > 0 || (own.ok && own.value === 'children') ? 'container' : 'layer',
      size: 1,
      params: ownValue.params,
      statistics: ownValue.statistics ?? 0n,
      trackers: ownValue.statistics === undefined ? 0n : 1n,
      inexact: false,
    };
    const seen = new Map<string, number>();
    for (const c of module.children) {
      keysSeen += c.repeat?.count ?? 1;
      if (keysSeen > LIMITS.maxPytorchModules) return fail(tooMany());
      for (const key of childKeys(c)) {
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          problems.push({
            line: c.line,
            message: `a second child named ${key} in ${module.className} (the first is on line ${earlier}); names in a module are unique`,
          });
        }
        seen.set(key, c.line);
      }
      repeats ||= c.repeat !== undefined;
      const sub = c.module ? counted.get(c.module) : undefined;
      if (!sub) continue;
      const times = c.repeat?.count ?? 1;
      at.size += times * sub.size;
      if (at.size > LIMITS.maxPytorchModules) return fail(tooMany());
      at.params += BigInt(times) * sub.params;
      at.statistics += BigInt(times) * sub.statistics;
      at.trackers += BigInt(times) * sub.trackers;
      at.inexact ||= sub.inexact;
    }
    if (!isExactBigInt(at.params) && !at.inexact) {
      at.inexact = true;
      problems.push({
        line: module.line,
        message: `${module.className} has ${at.params} parameters, more than a JSON number holds exactly (2^53 − 1); Learnable does not round`,
      });
    }
    if (ownValue.note) notes.add(ownValue.note);
    const known = [KNOWN_CONTAINERS, OWNING_CONTAINERS, COUNTED_CLASSES, PARAMETER_FREE].some((k) =>
      k.has(module.className),
    );
    if (at.kind === 'container' && !known && !unknownContainers.has(module.className)) {
      unknownContainers.set(module.className, module.line);
    }
    counted.set(module, at);
  }
  if (problems.length > 0) return fail(listKnownOnce(problems.sort((a, b) => a.line - b.line)));
  const top = counted.get(root) as Counted;
  return ok({
    modules: expand(root, counted),
    unknownContainers,
    notes,
    repeats,
    statistics: top.statistics,
    trackers: top.trackers,
  });
}

/** The first unknown class's problem lists the known ones; the others point to it rather than repeat it. */
function listKnownOnce(problems: ReprProblem[]): ReprProblem[] {
  let first: number | undefined;
  return problems.map(({ line, message }) => {
    if (!message.endsWith(UNKNOWN)) return { line, message };
    const known =
      first === undefined ? `; ${KNOWN_LEAVES()}` : `; the problem at line ${first} lists the modules it knows`;
    first ??= line;
    return { line, message: message.slice(0, -UNKNOWN.length) + known };
  });
}

/** Lists every module in `named_modules()` order (depth first, children in order), a repeated block once per index. */
function expand(root: ReprModule, counted: ReadonlyMap<ReprModule, Counted>): CountedModule[] {
  const modules: CountedModule[] = [];
  const pending: { module: ReprModule; path: string; depth: number }[] = [{ module: root, path: '', depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { module, path, depth } = next;
    const at = counted.get(module) as Counted;
    // An owning container's explanation is its first term; a layer class printed with children says "itself".
    const ownTerm = OWNING_CONTAINERS.has(module.className)
      ? at.own.explanation
      : at.own.params > 0n
        ? `itself ${at.own.params}`
        : '';
    const terms = ownTerm === '' ? [] : [ownTerm];
    const below: typeof pending = [];
    for (const c of module.children) {
      const sub = c.module && counted.get(c.module);
      if (!c.module || !sub) continue;
      for (const key of childKeys(c)) {
        terms.push(`(${key}) ${sub.params}`);
        below.push({ module: c.module, path: path === '' ? key : `${path}.${key}`, depth: depth + 1 });
      }
    }
    modules.push({
      path,
      type: module.className,
      depth,
      line: module.line,
      kind: at.kind,
      params: at.params,
      own: at.own.params,
      explanation:
        at.kind === 'layer'
          ? at.own.explanation
          : terms.length === 0
            ? `0: an empty ${module.className}`
            : `${terms.join(' + ')} = ${at.params}`,
    });
    pending.push(...below.reverse());
  }
  return modules;
}
