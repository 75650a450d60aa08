// Writes the stored golden practice set of the current version. Run once per new
// version (npm run golden); never rewrite an existing version's file.
import { existsSync, writeFileSync } from 'node:fs';
import { toSetJson } from '../src/domain/exporters/set-json';
import { generatePracticeSet } from '../src/domain/practice-set';
import { PRACTICE_SET_VERSION, PracticeSetOptions } from '../src/domain/schema/practice-set';

const file = `tests/fixtures/practice-set-v${PRACTICE_SET_VERSION}.json`;
if (existsSync(file)) throw new Error(`${file} exists: a stored golden set must never change`);
const options = PracticeSetOptions.parse({
  seed: `golden-v${PRACTICE_SET_VERSION}`,
  count: 12,
  level: 'mix',
  askShapes: true,
});
const set = generatePracticeSet(options);
if (!set.ok) throw new Error(JSON.stringify(set.error));
writeFileSync(file, JSON.stringify(toSetJson(options, set.value), null, 2) + '\n');
console.log(`wrote ${file}`);
