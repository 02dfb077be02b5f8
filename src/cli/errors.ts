/** A mistake in how the command was called, or nothing to work on: exit code 2, one line on stderr. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
