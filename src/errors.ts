/**
 * Errors a person can fix. The CLI prints `message` (already in Chinese, naming the file, the
 * key or row, and how to fix it) and exits with `exitCode`; anything else is a bug and is
 * reported as "unexpected error" (see src/cli.ts).
 */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** The scheme, the tree or the roster is invalid: SPEC §1.4 exit code 2. */
export class ConfigError extends UserError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'ConfigError';
  }
}

/** Export rows were rejected and publishing was not allowed: exit code 1. */
export class RejectedRowsError extends UserError {
  constructor(message: string) {
    super(message, 1);
    this.name = 'RejectedRowsError';
  }
}
