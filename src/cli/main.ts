import { Command, CommanderError, Option } from 'commander';
import { createRequire } from 'node:module';
import { EXIT, UsageError } from './errors.js';
import { addReadCapOptions } from './read-caps.js';
import { addFindingsOptions } from './findings-option.js';
import { addEncodingOption, addOutlierOptions, programmeOption } from './options.js';
import { NotRegularFileError } from '../write/atomic.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/**
 * The CLI shell. Command modules are imported only when their command runs, so `--help` and
 * `--version` load neither the engine nor exceljs. Returns the exit code; only `main` exits.
 */
export async function run(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('welfare')
    .description('Attainment reports for social-welfare programmes from the spreadsheets districts and departments submit.')
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .showSuggestionAfterError(true);

  const report = program
    .command('report')
    .description('Compute the year\'s values, percentages of plan and verdicts, for the city and each district')
    .argument('[paths...]', 'files or folders (read recursively)', ['.'])
    .option('-y, --year <year>', 'the year to report, e.g. 2023 (required unless --month)')
    .option('--month <YYYY-MM>', 'print one month\'s summary instead: year to date against the annual plan, who reported, what changed')
    .option('--deadline-day <n>', 'with --month: submissions are due on this day of the following month (default 5)')
    .addOption(programmeOption())
    .option('--targets <name>', 'target set to judge against (default: the programme\'s, "original" for 08-CTr/TU)')
    .addOption(new Option('-f, --format <format>', 'output format (default: from the --out file\'s extension, else table)').choices(['table', 'json', 'md', 'csv', 'html', 'xlsx']))
    .addOption(new Option('--lang <lang>', 'language of labels').choices(['vi', 'en']).default('vi'))
    .option('-o, --out <file>', 'write to this file (atomically; a regular file only) instead of standard output; "-" is standard output')
    .addOption(new Option('--csv-locale <locale>', 'CSV for a spreadsheet in this locale: en (commas, decimal points) or vi (semicolons, decimal commas)').choices(['en', 'vi']).default('en'))
    .option('--district <name>', 'one district\'s card: its values, verdicts, rank among the districts and where it is below the city average')
    .option('--stamp', 'print the time the report was made (without it, the same inputs give byte-identical files)')
    .addOption(new Option('--by <grouping>', 'group the wards and communes under the former districts (in any format)').choices(['former-district']))
    .option('--strict', 'exit 1 when there is an error finding');
  addOutlierOptions(addEncodingOption(report)).option('--no-color', 'no colours, even on a terminal');
  addFindingsOptions(addReadCapOptions(report))
    .addHelpText('after', help(
      ['welfare report --year 2023 fixtures/2023', 'welfare report --year 2023 fixtures/2023 -o report.xlsx       # the format from the extension', 'welfare report --year 2023 fixtures/2023 --district "Ba Đình" -f md', 'welfare report --month 2024-03 fixtures/2024-monthly/submissions'],
      ['0  report produced (findings or not)', '1  --strict and an error finding', '2  usage error, nothing readable, or an --out that is not a regular file'],
    ))
    .action(async (paths: string[], opts) => {
      const { reportCommand } = await import('./report.js');
      exitCode = await reportCommand(paths, opts);
    });

  const validate = program
    .command('validate')
    .description('Check submitted files against the programme without computing a report (exit 1 on any error finding: a CI gate)')
    .argument('[paths...]', 'files or folders (read recursively)', ['.'])
    .option('-y, --year <year>', 'the year the files must report, e.g. 2023')
    .option('--month <YYYY-MM>', 'check only that month\'s files of a monthly tree (ROOT/YYYY/MM/…, as batch reads it)')
    .addOption(programmeOption())
    .option('--targets <name>', 'target set the plans are checked against (default: the programme\'s)')
    .addOption(new Option('-f, --format <format>', 'output format (default: github when GITHUB_ACTIONS=true, else text)').choices(['text', 'json', 'github']))
    .addOption(new Option('--lang <lang>', 'language of the text output\'s headings and advice').choices(['vi', 'en']).default('vi'))
    .option('--max-errors <n>', 'list at most N errors (default 1000; all are counted, and the output says how many were left out)');
  addOutlierOptions(addEncodingOption(validate))
    .option('--strict-outliers', 'outliers are errors (exit 1), not warnings')
    .option('--no-color', 'no colours, even on a terminal');
  addFindingsOptions(addReadCapOptions(validate))
    .addHelpText('after', help(
      ['welfare validate --year 2023 submissions/', 'welfare validate --year 2023 --format json a.xlsx b.csv', 'welfare validate --max-rows 1000000 --max-file-mb 200 national.csv'],
      ['0  no error finding (warnings and notes allowed)', '1  at least one error finding', '2  usage error or a path that does not exist'],
    ))
    .action(async (paths: string[], opts) => {
      const { validateCommand } = await import('./validate.js');
      exitCode = await validateCommand(paths, opts);
    });

  program
    .command('template')
    .description('Write the form a district (or, without --district, a department) fills in, as .xlsx')
    .requiredOption('-y, --year <year>', 'the year the form reports, e.g. 2023')
    .option('--district <name>', 'the district whose form it is: its name in the title, and only the figures districts report')
    .option('--unit <name>', 'the same for a ward or commune since July 2025, e.g. "Phường Hồng Hà"')
    .requiredOption('-o, --out <file>', 'the workbook to write (.xlsx), atomically')
    .addOption(programmeOption())
    .option('--targets <name>', 'target set whose annual targets fill the plan column (default: the programme\'s)')
    .addHelpText('after', help(
      ['welfare template --year 2024 --district "Ba Đình" -o ba-dinh-2024.xlsx', 'welfare template --year 2024 -o so-ldtbxh-2024.xlsx            # the department form'],
      ['0  form written', '2  usage error (an unknown district, a year outside the programme, an --out that is not a regular .xlsx file)'],
    ))
    .action(async (opts) => {
      const { templateCommand } = await import('./template.js');
      exitCode = await templateCommand(opts);
    });

  program
    .command('catalog')
    .description('List the programme\'s indicators (the names forms must use), their targets, and the reporting units')
    .addOption(programmeOption())
    .option('--targets <name>', 'the target set to show (default: the programme\'s)')
    .addOption(new Option('-f, --format <format>', 'output format (default: from the --out file\'s extension, else table)').choices(['table', 'json']))
    .addOption(new Option('--lang <lang>', 'language of labels').choices(['vi', 'en']).default('vi'))
    .option('-o, --out <file>', 'write to this file instead of standard output; "-" is standard output')
    .addOption(new Option('--by <grouping>', 'also list the wards and communes under the former districts they were formed from').choices(['former-district']))
    .addHelpText('after', help(['welfare catalog', 'welfare catalog --targets restated-2024 -f json -o catalog.json', 'welfare catalog --by former-district --lang en'], ['0  catalog printed or written', '2  usage error']))
    .action(async (opts) => {
      const { catalogCommand } = await import('./catalog.js');
      exitCode = await catalogCommand(opts);
    });

  const batch = program
    .command('batch')
    .description('One summary per month (Markdown and JSON) and an index, from submissions/YYYY/MM/ folders; unchanged months are skipped')
    .requiredOption('--from <YYYY-MM>', 'first month, e.g. 2024-01')
    .requiredOption('--to <YYYY-MM>', 'last month, e.g. 2024-12')
    .requiredOption('--out <dir>', 'folder for the summaries, index.md, index.json and manifest.json')
    .option('--root <dir>', 'the folder that holds YYYY/MM/ folders of submissions', 'submissions')
    .option('--force', 'make every month again, even when its inputs did not change')
    .option('--deadline-day <n>', 'submissions are due on this day of the following month (default 5)')
    .addOption(programmeOption())
    .option('--targets <name>', 'target set to judge against')
    .addOption(new Option('--lang <lang>', 'language of the Markdown summaries').choices(['vi', 'en']).default('vi'))
    .option('--stamp', 'print the time each summary was made (without it, the same inputs give byte-identical files)');
  addOutlierOptions(addEncodingOption(batch))
    .addOption(new Option('--by <grouping>', 'each summary also groups the wards and communes under the former districts').choices(['former-district']))
    .option('--no-color', 'no colours and no progress bar, even on a terminal');
  addReadCapOptions(batch)
    .addHelpText('after', help(
      ['welfare batch --from 2024-01 --to 2024-12 --root submissions --out summaries', 'welfare batch --from 2024-01 --to 2024-03 --root fixtures/2024-monthly/submissions --out /tmp/x --force'],
      ['0  every month made (or kept) from clean inputs', '1  some inputs had errors or gave no figure (the months are still made)', '2  nothing could run (no submissions in the range, no --root folder, a bad option, an --out in use)'],
    ))
    .action(async (opts) => {
      const { batchCommand } = await import('./batch.js');
      exitCode = await batchCommand(opts);
    });

  const review = program
    .command('review')
    .description('The five-year review: each indicator\'s series (baseline, every year\'s value and verdict), the period verdict, growth and on-track status')
    .argument('[paths...]', 'files or folders (read recursively): one-year files, multi-year forms, the monthly tree of batch', ['.'])
    .option('--from <year>', 'first year of the review (default: the programme\'s first year)')
    .option('--to <year>', 'last year of the review (default: the programme\'s last year)')
    .addOption(programmeOption())
    .option('--targets <name>', 'judge every year against this target set (default: the set in force each year)')
    .addOption(new Option('-f, --format <format>', 'output format (default: from the --out file\'s extension, else table)').choices(['table', 'json', 'md', 'csv', 'html', 'xlsx']))
    .addOption(new Option('--lang <lang>', 'language of labels').choices(['vi', 'en']).default('vi'))
    .option('-o, --out <file>', 'write to this file instead of standard output (required for xlsx)')
    .option('--stamp', 'print the time the review was made (without it, the same inputs give byte-identical files)')
    .addOption(new Option('--by <grouping>', 'each former district\'s series across the change of 1 July 2025: its own figures, then its wards\' and communes\' (in any format)').choices(['former-district']))
    .option('--strict', 'exit 1 when there is an error finding');
  addOutlierOptions(addEncodingOption(review)).option('--no-color', 'no colours, even on a terminal');
  addFindingsOptions(addReadCapOptions(review))
    .addHelpText('after', help(
      ['welfare review fixtures/review', 'welfare review submissions/ --from 2021 --to 2025 --format html -o review.html', 'welfare review fixtures/review --to 2023 --format json'],
      ['0  the review was made (findings or not)', '1  --strict and an error finding', '2  a usage error, or nothing could be read'],
    ))
    .action(async (paths: string[], opts) => {
      const { reviewCommand } = await import('./review.js');
      exitCode = await reviewCommand(paths, opts);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      process.stderr.write(`welfare: ${error.message.replace(/^error: /, '')}\n`);
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`welfare: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof NotRegularFileError) {
      process.stderr.write(`welfare: cannot write ${error.path}: ${error.message}\n`);
      return EXIT.usage;
    }
    // A bug, not the user's fault: still one line, never a stack trace (WELFARE_DEBUG=1 shows it).
    if (process.env.WELFARE_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.stderr.write(`welfare: internal error: ${(error as Error).message ?? String(error)}\n`);
    return EXIT.usage;
  }
}

/** The text after a command's options in its --help: examples, then what each exit code means. */
function help(examples: string[], exitCodes: string[]): string {
  return `\nExamples:\n${examples.map((e) => `  ${e}`).join('\n')}\n\nExit codes:\n${exitCodes.map((e) => `  ${e}`).join('\n')}\n`;
}

/** A reader that stops early (`welfare report … | head`) closes the pipe: the rest of the output has nowhere to go, and that is no error. */
function isClosedPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}

/** The one place that exits the process. */
export async function main(argv: string[]): Promise<void> {
  // Without a listener, EPIPE on stdout is an uncaught 'error' event: a stack trace instead of a quiet end.
  process.stdout.on('error', (error) => {
    if (!isClosedPipe(error)) throw error;
  });
  const code = await run(argv);
  process.exit(code);
}
