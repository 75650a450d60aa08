import { isExactBigInt } from '../exact';
import { matching, type Mistake, type MistakeCandidate } from '../mistakes';
import type { PytorchModel } from '../pytorch-import';

/**
 * The mistakes that explain a wrong total for a PyTorch model: leaving a module out,
 * counting one twice, or counting BatchNorm's running statistics (Keras's rule, or summing
 * `model.state_dict()`, which also holds `num_batches_tracked`). `[]` for a right answer.
 */
export function pytorchTotalMistakes(model: PytorchModel, answer: bigint): Mistake[] {
  const { total, explanation, statistics, trackers } = model;
  if (answer === total) return [];
  // PyTorch's counts are BigInts (`count-modules.ts`); a candidate past 2^53 − 1 could only match an answer as large,
  // which `matching` matches with nothing.
  const candidates: (Omit<MistakeCandidate, 'value'> & { value: bigint })[] = [];
  // Modules of the same size give the same wrong total: name the first, say how many there are.
  const bySize = new Map<bigint, PytorchModel['modules']>();
  for (const module of model.modules.slice(1)) {
    if (module.params > 0n) bySize.set(module.params, [...(bySize.get(module.params) ?? []), module]);
  }
  for (const [size, modules] of bySize) {
    const first = modules[0];
    if (!first) continue;
    const which = `${first.path} (${first.type}, ${size} parameters)${modules.length > 1 ? ` or one of the ${modules.length - 1} other modules of that size` : ''}`;
    candidates.push(
      {
        code: 'total-left-out-layer',
        value: total - size,
        message: `Your total leaves out ${which}: ${explanation}.`,
      },
      {
        code: 'total-counted-layer-twice',
        value: total + size,
        message: `Your total counts ${which} twice: ${explanation}.`,
      },
    );
  }
  if (statistics > 0n) {
    const buffers = `in PyTorch they are buffers, not parameters, so the total is ${total}`;
    candidates.push(
      {
        code: 'batchnorm-counted-running-statistics',
        value: total + statistics,
        message: `You counted BatchNorm's running mean and variance too (${statistics} values in ${trackers} modules), as Keras does; ${buffers}.`,
      },
      {
        code: 'batchnorm-counted-running-statistics',
        value: total + statistics + trackers,
        message: `You counted BatchNorm's buffers too (running mean, running variance and one num_batches_tracked each: ${statistics} + ${trackers}), as summing model.state_dict() does; ${buffers}.`,
      },
    );
  }
  return matching(
    candidates
      .filter((c) => c.value !== total && c.value >= 0n && isExactBigInt(c.value))
      .map((c) => ({ ...c, value: Number(c.value) })),
    answer,
  );
}
