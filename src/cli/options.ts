import { Option, type Command } from 'commander';
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

/** --programme, declared once for every command that takes a programme definition. */
export function programmeOption(): Option {
  return new Option('--programme <file>', 'a programme definition (JSON) instead of the built-in Programme 08-CTr/TU');
}

/** --encoding, declared once for every command that reads text files. */
export function addEncodingOption(command: Command): Command {
  return command.option('--encoding <name>', 'encoding of text files that are not UTF-8: windows-1258, tcvn3 or viscii');
}

/** --outliers, --outlier-z and --outlier-margin, declared once for report, validate, batch and review (--strict-outliers is validate's); parsed in quality.ts. */
export function addOutlierOptions(command: Command): Command {
  return command
    .addOption(new Option('--outliers <on|off>', "outlier detection: far from the other districts, from the unit's own history, or from the typical range (default on)").choices(['on', 'off']))
    .option('--outlier-z <n>', 'modified z-score beyond which a figure is far from its peers (default 3.5)')
    .option('--outlier-margin <f>', "the history band is [min ÷ (1 + f), max × (1 + f)] of the unit's earlier figures (default 1)");
}
