/** Capabilities of the server versions the tests run statements against. */
import { Capabilities, capabilitiesOf, parseServerVersion } from '../../../../src/starrocks/version';

export function capsOf(version: string): Capabilities {
  return capabilitiesOf(parseServerVersion(version));
}

export const V25 = capsOf('2.5.22');
export const V33 = capsOf('3.3.5');
export const V34 = capsOf('3.4.1');
export const V41 = capsOf('4.1.0');
export const V42 = capsOf('4.2.0');
export const ALL_VERSIONS: [string, Capabilities][] = [
  ['2.5', V25],
  ['3.3', V33],
  ['3.4', V34],
  ['4.1', V41],
  ['4.2', V42],
];

/** Runs `fn` and returns the messages of the DialectError it throws (fails if it does not throw one). */
export function issueMessages(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    const issues = (error as { issues?: { message: string }[] }).issues;
    if (issues) return issues.map((issue) => issue.message);
    throw error;
  }
  throw new Error('expected a DialectError');
}
