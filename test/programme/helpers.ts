import { parseProgramme, programmeParsing } from '../../src/programme/load.js';

/** A programme definition parsed both ways: plainly where it can be (the default), and by zod alone. */
export function bothWays(data: unknown) {
  programmeParsing.plainUnits = true;
  const plain = parseProgramme(structuredClone(data), 'p.json');
  programmeParsing.plainUnits = false;
  const zod = parseProgramme(structuredClone(data), 'p.json');
  programmeParsing.plainUnits = true;
  return { plain, zod };
}
