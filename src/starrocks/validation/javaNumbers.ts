/**
 * The FE parses numeric properties with Java's `Long.parseLong` / `Integer.parseInt`; these accept
 * exactly what those accept (an optional sign and decimal digits, within range), so the extension
 * rejects what the server rejects and nothing more.
 */

const INTEGER = /^[+-]?\d+$/;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;

function parseInRange(text: string, min: bigint, max: bigint): bigint | undefined {
  if (!INTEGER.test(text)) {
    return undefined;
  }
  const value = BigInt(text);
  return value >= min && value <= max ? value : undefined;
}

/** Java `Long.parseLong(text)`, or undefined where Java throws NumberFormatException. */
export function parseJavaLong(text: string): bigint | undefined {
  return parseInRange(text, LONG_MIN, LONG_MAX);
}

/** Java `Integer.parseInt(text)`, or undefined where Java throws NumberFormatException. */
export function parseJavaInt(text: string): number | undefined {
  const value = parseInRange(text, INT_MIN, INT_MAX);
  return value === undefined ? undefined : Number(value);
}

/** `a * b` with Java `long` overflow (two's-complement wrap-around). */
export function javaLongMultiply(a: bigint, b: bigint): bigint {
  return BigInt.asIntN(64, a * b);
}
