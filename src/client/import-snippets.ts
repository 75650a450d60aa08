// First: zod must be told not to use eval before any schema is built (see zod-jitless.ts).
import './zod-jitless';
import { analyzeNetwork } from '../domain/analyze-network';
import { kerasSnippet, pytorchSnippet } from '../domain/code-export';
import { importKerasModel } from '../domain/keras-import';

/** Lets the page paint and answer input between steps: a real model's steps take tens of ms each. */
const yieldToMain = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Keras and PyTorch scripts that rebuild a pasted model, or null when it cannot be imported:
 * `await snippetsFor('{"class_name": "Sequential", …}')` → `{ keras: 'import keras…', pytorch: 'import torch…' }`.
 * Each step runs in a task of its own, so a model of hundreds of layers never blocks the tab for long.
 */
export async function snippetsFor(model: string): Promise<{ keras: string; pytorch: string } | null> {
  const imported = importKerasModel(model);
  if (!imported.ok) return null;
  const { network } = imported.value;
  await yieldToMain();
  const keras = analyzeNetwork(network, 'keras');
  await yieldToMain();
  const pytorch = analyzeNetwork(network, 'pytorch');
  if (!keras.ok || !pytorch.ok) return null;
  await yieldToMain();
  const kerasCode = kerasSnippet(network, keras.value);
  await yieldToMain();
  return { keras: kerasCode, pytorch: pytorchSnippet(network, keras.value, pytorch.value) };
}
