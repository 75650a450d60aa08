import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { LAYER_TYPES, LAYERS } from '../../src/domain/layers';

const css = (name: string) => readFileSync(new URL(`../../src/styles/${name}`, import.meta.url), 'utf8');
const screen = css('global.css');
const print = css('print.css');
/** Every colour family the picture gives a box: the input, and each registry entry's `diagram.kind`. */
const kinds = [...new Set(['input', ...LAYER_TYPES.map((type) => LAYERS[type].diagram.kind)])];

/** The values of a custom property, in the order the stylesheet declares them (light first, then dark). */
const declared = (sheet: string, property: string) =>
  [...sheet.matchAll(new RegExp(`${property}:\\s*(#[0-9a-f]{3,8})`, 'gi'))].map((m) => m[1]?.toLowerCase());

describe('network picture colours', () => {
  test.each(kinds)('gives boxes of kind %s a fill from their own colour variable', (kind) => {
    expect(screen).toMatch(new RegExp(`\\.nd-${kind}\\s*\\{\\s*fill:\\s*var\\(--box-${kind}\\);`));
  });

  test.each(kinds)('declares --box-%s for the light and the dark scheme', (kind) => {
    expect(declared(screen, `--box-${kind}`)).toHaveLength(2);
  });

  test.each(kinds)('keeps --box-%s in the print palette, as in the light scheme', (kind) => {
    expect(declared(print, `--box-${kind}`)).toEqual(declared(screen, `--box-${kind}`).slice(0, 1));
  });

  test('gives every kind a colour of its own, in each scheme', () => {
    for (const scheme of [0, 1]) {
      const colours = kinds.filter((k) => k !== 'input').map((k) => declared(screen, `--box-${k}`)[scheme]);
      expect(new Set(colours).size).toBe(colours.length);
    }
  });
});
