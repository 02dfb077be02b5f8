import { Option, type Command } from 'commander';
import { UsageError } from './errors.js';

/** --summarise-findings, declared once for every command that prints findings (report, validate, review). */
export interface FindingsOptions {
  summariseFindings?: boolean;
}

/**
 * People's formats always list the same finding over many rows once (with its count and first places);
 * JSON keeps every finding unless this option asks it to do the same (`count` and `places` on each).
 */
export function addFindingsOptions(command: Command): Command {
  return command.addOption(new Option('--summarise-findings', 'in JSON, list the same finding over many rows once, with its count and first places (the other formats always do)'));
}

/**
 * A year's report or a review grouped by former district lists no finding (it counts them on standard error), so
 * --summarise-findings would do nothing there: a usage error says so rather than ignore it.
 */
export function checkFindingsWithGrouping(opts: FindingsOptions & { by?: string }, command: 'report' | 'review'): void {
  if (opts.summariseFindings && opts.by === 'former-district') {
    throw new UsageError(`--summarise-findings has nothing to summarise with --by former-district: the grouped ${command} lists no finding (run without --by to list them)`);
  }
}
