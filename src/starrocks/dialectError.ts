/**
 * The dialect's input errors: what a builder, a validator or a name check says is wrong with an
 * input. Apart from the statements themselves, so that the low-level modules (identifiers,
 * redaction) can throw them without importing the builders' module.
 */

/** One problem with an input, in the server's own words where the server has words for it. */
export interface ValidationIssue {
  /** The property key or field the issue is about, when there is one. */
  key?: string;
  message: string;
  /** What the user can do about it. */
  fix?: string;
}

/** Thrown by builders when their input fails validation; carries every issue found, not just the first. */
export class DialectError extends Error {
  readonly issues: readonly ValidationIssue[];

  constructor(issues: ValidationIssue[] | ValidationIssue) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map((issue) => issue.message).join('\n'));
    this.name = 'DialectError';
    this.issues = list;
  }
}
