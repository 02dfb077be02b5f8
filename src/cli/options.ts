import type { Lang } from '../render/labels.js';

/** The options report (year and month), review and the other reading commands share, as commander gives them. */
export interface CommonCommandOptions {
  programme?: string;
  targets?: string;
  lang: Lang;
  out?: string;
  strict?: boolean;
  encoding?: string;
  color?: boolean;
  /** Print the time of the run; without it the same inputs give byte-identical files. */
  stamp?: boolean;
  /** "former-district": the wards and communes grouped under the districts they came from. */
  by?: 'former-district';
}
