import { describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/domain/limits';
import { Network } from '../../src/domain/schema/network';
import { TEXTBOOK_NETWORK } from '../../src/domain/textbook-network';

const classic = TEXTBOOK_NETWORK;

/** The first issue's path and message for a network with `layer` as its only layer. */
function issueFor(layer: unknown, input: unknown = [8, 8, 3]) {
  const result = Network.safeParse({ input, layers: [layer] });
  if (result.success) throw new Error('expected the network to be refused');
  const [issue] = result.error.issues;
  return { path: issue?.path, message: issue?.message, code: issue?.code };
}

describe('Network schema', () => {
  test('accepts the textbook network', () => {
    expect(Network.safeParse(classic).success).toBe(true);
  });

  test.each([
    // [layer, path below the layer, message pattern]
    [{ type: 'conv2d', filters: 2.5, kernelSize: 3 }, ['filters'], /filters must be a whole number/],
    [{ type: 'conv2d', filters: 0, kernelSize: 3 }, ['filters'], /filters must be at least 1/],
    [{ type: 'conv2d', filters: -4, kernelSize: 3 }, ['filters'], /at least 1/],
    [{ type: 'conv2d', kernelSize: 3 }, ['filters'], /filters is required/],
    [{ type: 'conv2d', filters: 2, kernelSize: [3, 0] }, ['kernelSize', 1], /kernelSize must be at least 1/], // the pair's width
    [{ type: 'conv2d', filters: 2, kernelSize: '3' }, ['kernelSize'], /pair \[height, width\]/],
    [{ type: 'conv2d', filters: 2, kernelSize: 3, padding: 'full' }, ['padding'], /"valid" or "same"/],
    [{ type: 'dense', units: LIMITS.maxUnits + 1 }, ['units'], /at most 65536/],
    [{ type: 'dropout', rate: 1 }, ['rate'], /below 1/],
    [{ type: 'zeroPadding2d', padding: [1, 2, 3] }, ['padding'], /\[\[top, bottom\], \[left, right\]\]/],
    [{ type: 'conv4d' }, ['type'], /unknown layer type "conv4d" \(known types: conv2d/],
    [{ filters: 3 }, ['type'], /a layer needs a "type"/],
    [7, [], /a layer must be an object/],
  ])('refuses %j at %j with a message a learner understands', (layer, path, message) => {
    const issue = issueFor(layer);
    expect(issue.path).toEqual(['layers', 0, ...path]);
    expect(issue.message).toMatch(message);
  });

  test('refuses an unknown option and lists the options allowed', () => {
    const issue = issueFor({ type: 'dense', units: 2, kernelSize: 3 });
    expect(issue.code).toBe('unrecognized_keys');
    expect(issue.message).toBe('allowed here: type, units, useBias, activation, name, trainable, inputs');
  });

  test.each([
    [[20, 20, 3, 1, 1], /\[height, width, channels\] or \[depth, height, width, channels\]/],
    [[20, 20, 0], /input channels must be at least 1/],
    [[20.5, 20, 3], /input height must be a whole number/],
  ])('refuses the input %j', (input, message) => {
    expect(issueFor({ type: 'flatten' }, input).message).toMatch(message);
  });

  test('refuses an empty network and one over the layer limit', () => {
    expect(Network.safeParse({ input: [1, 1, 1], layers: [] }).error?.issues[0]?.message).toMatch(/at least one layer/);
    const tooMany = Array.from({ length: LIMITS.maxLayers + 1 }, () => ({ type: 'dropout', rate: 0 }));
    expect(Network.safeParse({ input: [1, 1, 1], layers: tooMany }).error?.issues[0]?.message).toMatch(
      /at most 2000 layers/,
    );
  });

  test('refuses numbers that are not exact integers', () => {
    expect(issueFor({ type: 'dense', units: 2 ** 53 }).path).toEqual(['layers', 0, 'units']);
    expect(issueFor({ type: 'dense', units: Number.NaN }).path).toEqual(['layers', 0, 'units']);
  });
});
