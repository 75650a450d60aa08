import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { toCanvasQtiZip } from '../../src/domain/exporters/qti';
import { crc32, zipStored } from '../../src/domain/exporters/zip';
import { layerMistakeCandidates, totalMistakeCandidates } from '../../src/domain/mistakes';
import { generatePracticeSet } from '../../src/domain/practice-set';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';

const dir = mkdtempSync(join(tmpdir(), 'learnable-qti-'));
/** Writes a zip to disk, for the system's `unzip` to read. */
function onDisk(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
const unzip = (...args: string[]) => execFileSync('unzip', args, { encoding: 'utf8' });

describe('zipStored', () => {
  test('computes the standard CRC-32 check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  test('makes an archive that unzip tests sound and extracts byte for byte, UTF-8 content included', () => {
    const entries = [
      { name: 'a.txt', data: new TextEncoder().encode('hello\n') },
      { name: 'dir/b.xml', data: new TextEncoder().encode('<x>×</x>') },
      { name: 'empty', data: new Uint8Array() },
    ];
    const path = onDisk('plain.zip', zipStored(entries));
    expect(unzip('-t', path)).toMatch(/No errors detected/);
    expect(unzip('-p', path, 'a.txt')).toBe('hello\n');
    expect(unzip('-p', path, 'dir/b.xml')).toBe('<x>×</x>');
    expect(unzip('-Z1', path).trim().split('\n')).toEqual(entries.map((e) => e.name));
  });
});

describe('Canvas QTI export', () => {
  const options = PracticeSetOptions.parse({ version: 2, seed: 'qti-check', count: 5, level: 'mix', askShapes: true });
  const made = generatePracticeSet(options);
  if (!made.ok) throw new Error('the set generates');
  const items = made.value;
  const path = onDisk('set.zip', toCanvasQtiZip(items, true, 'Learnable set qti-check'));
  const xml = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    isArray: (name) =>
      ['item', 'respcondition', 'itemfeedback', 'varequal', 'resource', 'qtimetadatafield'].includes(name),
  });

  test('is a sound zip with the manifest at its root and the assessment it references', () => {
    expect(unzip('-t', path)).toMatch(/No errors detected/);
    const manifestText = unzip('-p', path, 'imsmanifest.xml');
    expect(() => new XMLParser().parse(manifestText, true)).not.toThrow();
    const manifest = xml.parse(manifestText) as {
      manifest: { resources: { resource: { '@type': string; '@href': string; file: { '@href': string } }[] } };
    };
    const [resource] = manifest.manifest.resources.resource;
    expect(resource?.['@type']).toBe('imsqti_xmlv1p2');
    expect(unzip('-Z1', path).trim().split('\n')).toEqual(['imsmanifest.xml', resource?.['@href']]);
    expect(resource?.file['@href']).toBe(resource?.['@href']);
  });

  interface Condition {
    '@continue': string;
    conditionvar: { varequal?: { '#text': string }[]; or?: { varequal: { '#text': string }[] }; other?: string };
    displayfeedback?: { '@linkrefid': string };
    setvar?: { '#text': string };
  }
  interface Item {
    '@title': string;
    itemmetadata: { qtimetadata: { qtimetadatafield: { fieldlabel: string; fieldentry: string }[] } };
    presentation: { response_str?: { '@ident': string; render_fib: unknown } };
    resprocessing: { respcondition: Condition[] };
    itemfeedback: { '@ident': string }[];
  }
  const assessmentText = () => unzip('-p', path, 'learnable-set/learnable-set.xml');
  const allItems = () =>
    (xml.parse(assessmentText()) as { questestinterop: { assessment: { section: { item: Item[] } } } }).questestinterop
      .assessment.section.item;
  const values = (c: Condition) =>
    (c.conditionvar.or?.varequal ?? c.conditionvar.varequal ?? []).map((v) => v['#text']);

  test('asks every layer’s shape and count and each total, each item with a response and response conditions', () => {
    const text = assessmentText();
    expect(() => new XMLParser().parse(text, true)).not.toThrow();
    const found = allItems();
    const kinds = found.map((i) => i.itemmetadata.qtimetadata.qtimetadatafield[0]?.fieldentry);
    expect(kinds).toEqual(
      items.flatMap((i) => [
        ...i.report.layers.flatMap(() => ['short_answer_question', 'numerical_question']),
        'numerical_question',
      ]),
    );
    for (const item of found) {
      expect(item.presentation.response_str?.['@ident']).toBe('response1');
      const conditions = item.resprocessing.respcondition;
      // Exactly one condition scores (the right answer); every shown feedback exists in the item.
      expect(conditions.filter((c) => c.setvar?.['#text'] === '100')).toHaveLength(1);
      const feedbacks = new Set(item.itemfeedback.map((f) => f['@ident']));
      for (const c of conditions) expect(feedbacks).toContain(c.displayfeedback?.['@linkrefid']);
    }
  });

  test('scores the engine’s count right and shows each diagnosed mistake value its feedback', () => {
    const found = allItems().filter(
      (i) => i.itemmetadata.qtimetadata.qtimetadatafield[0]?.fieldentry === 'numerical_question',
    );
    const expected = items.flatMap((item) => [
      ...item.report.layers.map((layer, i) => ({
        right: layer.params,
        values: new Set(
          [
            ...layerMistakeCandidates(item.network, item.report, i).map((c) => Number(c.value)),
            ...(layer.params ? [0] : []),
          ].filter((v) => v !== layer.params),
        ),
      })),
      {
        right: item.report.totals.params,
        values: new Set(totalMistakeCandidates(item.report).map((c) => Number(c.value))),
      },
    ]);
    expect(found).toHaveLength(expected.length);
    found.forEach((item, n) => {
      const { right, values: mistakeValues } = expected[n] ?? { right: -1, values: new Set() };
      const conditions = item.resprocessing.respcondition;
      const scoring = conditions.find((c) => c.setvar);
      expect(values(scoring as Condition)).toEqual([String(right)]);
      const shown = conditions.filter((c) => !c.setvar && !('other' in c.conditionvar));
      expect(new Set(shown.map((c) => Number(values(c)[0])))).toEqual(mistakeValues);
      // Mistake feedback comes before the scoring condition, which stops processing.
      expect(conditions.indexOf(scoring as Condition)).toBe(shown.length);
      expect(scoring?.['@continue']).toBe('No');
    });
  });
});
