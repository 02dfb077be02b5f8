// Regenerates catalog/programme.schema.json from the zod schema (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ProgrammeSchema } from '../dist/programme/schema.js';

const schema = z.toJSONSchema(ProgrammeSchema, { io: 'input', unrepresentable: 'any' });
schema.title = 'welfare programme definition';
writeFileSync(new URL('../catalog/programme.schema.json', import.meta.url), JSON.stringify(schema, null, 2) + '\n');
console.log('wrote catalog/programme.schema.json');
