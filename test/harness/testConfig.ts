/**
 * What the runner tells the tests inside the extension host. It travels as environment variables
 * of code-server, which its extension host inherits (the workbench URL cannot carry it).
 */
export const ENV = {
  /** Folder opened in the workbench: a fresh temp folder with a few .sql files. */
  workspace: 'SR_TEST_WORKSPACE',
  /** JSON file the test entry writes its counts and failures to, for the runner's summary. */
  results: 'SR_TEST_RESULTS',
  /** Text file the test entry appends the tests' output to; the runner prints it as it grows. */
  output: 'SR_TEST_OUTPUT',
  /** Only tests whose full title matches this regular expression run. */
  grep: 'MOCHA_GREP',
} as const;

export interface TestFailure {
  title: string;
  message: string;
}

export interface TestResults {
  passed: number;
  failed: number;
  pending: number;
  failures: TestFailure[];
  /** `vscode.version` of the host the tests ran in (integration tests only). */
  vscodeVersion?: string;
}
