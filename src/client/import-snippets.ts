// First: zod must be told not to use eval before any schema is built (see zod-jitless.ts).
import './zod-jitless';
import { analyzeNetwork } from '../domain/analyze-network';
import { kerasSnippet, pytorchSnippet } from '../domain/code-export';
import { importKerasModel } from '../domain/keras-import';

/**
 * Keras and PyTorch scripts that rebuild a pasted model, or null when it cannot be imported:
 * `snippetsFor('{"class_name": "Sequential", …}')` → `{ keras: 'import keras…', pytorch: 'import torch…' }`.
 */
export function snippetsFor(model: string): { keras: string; pytorch: string } | null {
  const imported = importKerasModel(model);
  if (!imported.ok) return null;
  const { network } = imported.value;
  const keras = analyzeNetwork(network, 'keras');
  const pytorch = analyzeNetwork(network, 'pytorch');
  if (!keras.ok || !pytorch.ok) return null;
  return { keras: kerasSnippet(network, keras.value), pytorch: pytorchSnippet(network, keras.value, pytorch.value) };
}
