import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { finding, type Finding } from '../model/finding.js';

/** The built-in catalog as written… */
export const BUILTIN_PROGRAMME = fileURLToPath(new URL('../../catalog/programme-08.json', import.meta.url));
/** …and as the build validated it, defaults applied (scripts/build-catalog.mjs); absent when running from src/. */
export const BUILTIN_PROGRAMME_COMPILED = fileURLToPath(new URL('../catalog/programme-08.json', import.meta.url));

/** Read and JSON-parse a programme definition; validation is the programme stage's job. */
export async function readProgrammeFile(path: string): Promise<{ data: unknown; findings: Finding[] }> {
  let text: string;
  try {
    // Synchronous: one small file, read before anything else can run (and no fs/promises to load at start).
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    const whyVi = code === 'ENOENT' ? 'không có tệp này' : code === 'EISDIR' ? 'đó là một thư mục' : (error as Error).message;
    return {
      data: null,
      findings: [finding('error', 'unreadable-file', `Cannot read the programme definition ${path}: ${why}.`, { file: path }, {}, `Không đọc được tệp định nghĩa chương trình ${path}: ${whyVi}.`)],
    };
  }
  try {
    return { data: JSON.parse(text.replace(/^\uFEFF/, '')), findings: [] };
  } catch (error) {
    const why = (error as Error).message;
    return { data: null, findings: [finding('error', 'bad-programme', `${path} is not valid JSON: ${why}.`, { file: path }, {}, `${path} không phải JSON hợp lệ: ${why}.`)] };
  }
}
