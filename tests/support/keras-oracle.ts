import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Real Keras 3 (its numpy backend, with JAX installed for the operations it borrows) as an oracle: the Python environment that
 * `scripts/keras-oracle-venv.sh` makes from a local wheel store ($LEARNABLE_KERAS_VENV, by default
 * ~/.cache/learnable/keras-venv; `.ci/run` makes it where the wheels are), and `keras-oracle.py` run in it.
 */
const VENV = process.env.LEARNABLE_KERAS_VENV ?? join(homedir(), '.cache', 'learnable', 'keras-venv');
const PYTHON = join(VENV, 'bin', 'python');
const ORACLE = join(import.meta.dirname, 'keras-oracle.py');

/** Why real Keras cannot be asked here, or null when it can: the tests that use it skip and say why. */
export const kerasMissing: string | null = !existsSync(PYTHON)
  ? `no Keras 3 environment at ${VENV} (bash scripts/keras-oracle-venv.sh makes one)`
  : spawnSync(PYTHON, ['-c', 'import keras, jax'], { encoding: 'utf8', env: { ...process.env, KERAS_BACKEND: 'jax' } })
        .status !== 0
    ? `${PYTHON} cannot import keras and jax`
    : null;

if (kerasMissing) console.warn(`skipping the real-Keras tests: ${kerasMissing}`);

/** One layer of a model as Keras describes it: `count_params()`, the weights' split, the output shapes (no batch). */
export interface KerasLayerFacts {
  name: string;
  class: string;
  params: number;
  trainable: number;
  nonTrainable: number;
  /** null for a shared layer: it has an output per call. */
  outputShapes: (number | null)[][] | null;
}

export interface KerasModelFacts {
  layers: KerasLayerFacts[];
  total: number;
  trainable: number;
  nonTrainable: number;
}

export interface KerasAnswer {
  keras: string;
  backend: string;
  /** Per script, the model it builds with its model.to_json(), or the error it raised. */
  scripts?: ((KerasModelFacts & { json: string }) | { error: string })[];
  /** Per keras.applications name, the model built with weights=None, and its model.to_json(). */
  applications?: Record<string, KerasModelFacts & { json: string }>;
}

/** Asks real Keras (one Python process): `askKeras({ scripts: [kerasSnippet(network, report)] })`. */
export function askKeras(request: { scripts?: string[]; applications?: string[] }): KerasAnswer {
  const run = spawnSync(PYTHON, [ORACLE], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, KERAS_BACKEND: 'numpy', JAX_PLATFORMS: 'cpu', TF_CPP_MIN_LOG_LEVEL: '3' },
  });
  if (run.status !== 0) throw new Error(`keras-oracle.py failed (${run.status}): ${run.stderr.slice(-2000)}`);
  return JSON.parse(run.stdout) as KerasAnswer;
}
