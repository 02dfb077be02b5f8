import { spawnSync } from 'node:child_process';

/** Run the built CLI as a user would; the test suite builds first (npm test → pretest → tsc). */
export function welfare(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/welfare.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', COLUMNS: '', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
