import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Text long enough to be worth compressing (over the server's 1 KiB floor), and recognizable.
const filler = (label: string) => `<p>${label} paragraph.</p>\n`.repeat(80);

/** The files of the fixture build, by URL path, so tests can compare what they receive with what is on disk. */
export const FIXTURE_FILES: Record<string, string> = {
  '/index.html': `<!doctype html><title>Fixture home</title>\n${filler('home')}`,
  '/quiz/index.html': `<!doctype html><title>Fixture quiz</title>\n${filler('quiz')}`,
  '/404.html': `<!doctype html><title>Fixture not found</title>\n${filler('missing')}`,
  '/_astro/app.Bx3kQ9zA.js': `export const fixture = ${JSON.stringify(filler('script'))};\n`,
  '/favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
};

/** Writes the fixture build into a new temporary folder and returns it: a stand-in for dist/. */
export function makeFixtureSite(): string {
  const root = mkdtempSync(join(tmpdir(), 'learnable-site-'));
  for (const [path, text] of Object.entries(FIXTURE_FILES)) {
    const file = join(root, ...path.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}
