/**
 * The practice page's downloads, as files: Moodle XML, GIFT, Canvas QTI and JSON, each made by the
 * domain core's exporters. The page has them made off its main thread (practice-downloads-worker.ts).
 */
import { toGift } from '../domain/exporters/gift';
import { toMoodleXml } from '../domain/exporters/moodle-xml';
import { toCanvasQtiZip } from '../domain/exporters/qti';
import { toSetJson } from '../domain/exporters/set-json';
import type { PracticeItem } from '../domain/practice-set';
import type { PracticeSetOptions } from '../domain/schema/practice-set';

/** Each download: its file name's ending, its media type, and how it is made from the set. */
const DOWNLOADS = {
  xml: {
    suffix: 'moodle.xml',
    type: 'application/xml',
    make: (o: PracticeSetOptions, i: readonly PracticeItem[]) => toMoodleXml(i, o.askShapes),
  },
  gift: {
    suffix: 'gift.txt',
    type: 'text/plain;charset=utf-8',
    make: (o: PracticeSetOptions, i: readonly PracticeItem[]) => toGift(i, o.askShapes),
  },
  qti: {
    suffix: 'canvas-qti.zip',
    type: 'application/zip',
    make: (o: PracticeSetOptions, i: readonly PracticeItem[]) =>
      toCanvasQtiZip(i, o.askShapes, `Learnable set ${o.seed}`),
  },
  json: {
    suffix: 'json',
    type: 'application/json',
    make: (o: PracticeSetOptions, i: readonly PracticeItem[]) => `${JSON.stringify(toSetJson(o, i), null, 2)}\n`,
  },
} as const;

/** Which download: `'xml'`, `'gift'`, `'qti'` or `'json'` (the page's `data-download` values). */
export type DownloadKind = keyof typeof DOWNLOADS;

export const isDownloadKind = (kind: string): kind is DownloadKind => Object.hasOwn(DOWNLOADS, kind);

/** One download made: which, the name to save it as, its media type, and the `blob:` address of the file. */
export interface DownloadLink {
  kind: DownloadKind;
  filename: string;
  type: string;
  url: string;
}

/**
 * One download of a set, made and given a `blob:` address (which lives as long as the page or worker
 * that made it): `downloadLink('gift', { seed: 'w3', … }, items)` →
 * `{ kind: 'gift', filename: 'learnable-set-w3.gift.txt', type: 'text/plain;charset=utf-8', url: 'blob:…' }`.
 */
export function downloadLink(
  kind: DownloadKind,
  options: PracticeSetOptions,
  items: readonly PracticeItem[],
): DownloadLink {
  const { suffix, type, make } = DOWNLOADS[kind];
  return {
    kind,
    filename: `learnable-set-${options.seed}.${suffix}`,
    type,
    url: URL.createObjectURL(new Blob([make(options, items)], { type })),
  };
}
