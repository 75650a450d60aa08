// Writes the stored golden practice set of the current version. Run once per new
// version (npm run golden); never rewrite an existing version's file.
import { existsSync, writeFileSync } from 'node:fs';
import { toSetJson } from '../src/domain/exporters/set-json';
import { generatePracticeSet } from '../src/domain/practice-set';
import { PRACTICE_SET_VERSION, PracticeSetOptions } from '../src/domain/schema/practice-set';

const file = `tests/fixtures/practice-set-v${PRACTICE_SET_VERSION}.json`;
if (existsSync(file)) throw new Error(`${file} exists: a stored golden set must never change`);
// The version is named: options without one still mean version 1, whose golden set exists already.
const options = PracticeSetOptions.parse({
  version: PRACTICE_SET_VERSION,
  seed: `golden-v${PRACTICE_SET_VERSION}`,
  // 24 networks, so that a mix of four levels stores several of each (version 2's has level 4 sequences,
  // images and volumes); version 1's stored set has 12.
  count: 24,
  level: 'mix',
  askShapes: true,
});
const set = generatePracticeSet(options);
if (!set.ok) throw new Error(JSON.stringify(set.error));
writeFileSync(file, JSON.stringify(toSetJson(options, set.value), null, 2) + '\n');
console.log(`wrote ${file}`);
