import { Option, type Command } from 'commander';

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
