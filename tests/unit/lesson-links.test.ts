import { describe, expect, test } from 'vitest';
import { lessonLinks, sectionSlug } from '../../src/content/lesson-links';
import { LAYER_TYPES } from '../../src/domain/layers';

const section = (id: string, order: number, title: string, teaches: (typeof LAYER_TYPES)[number][] = []) => ({
  id,
  data: { order, title, teaches },
});

describe('lessonLinks', () => {
  test('links each layer type to the first section that teaches it, and every other type to the catalogue', () => {
    const links = lessonLinks([
      section('16-every-layer', 16, 'Every layer Learnable counts'),
      section('10-batch-normalization', 10, 'Batch normalization', ['batchNormalization']),
      section('02-counting-a-convolution', 2, 'Counting a convolution', ['conv2d']),
      section('11-other-convolutions', 11, 'Other convolutions', ['conv2d', 'depthwiseConv2d']),
    ]);
    expect(links.conv2d).toEqual({ href: '/#counting-a-convolution', title: 'Counting a convolution' });
    expect(links.batchNormalization?.href).toBe('/#batch-normalization');
    expect(links.depthwiseConv2d?.href).toBe('/#other-convolutions');
    expect(links.gaussianNoise?.href).toBe('/#every-layer');
    expect(Object.keys(links).sort()).toEqual([...LAYER_TYPES].sort());
  });

  test('names a section by its file name without the number', () => {
    expect(sectionSlug('07-output-shapes')).toBe('output-shapes');
  });
});
