/**
 * Expands a VS Code snippet body the way the editor does when the user accepts every default:
 * placeholders become their default text, choices their first option, mirrors (`$1` used again)
 * the text of their placeholder, variables (`$CURRENT_YEAR` …) a fixed sample value.
 */

const VARIABLES: Record<string, string> = {
  CURRENT_YEAR: '2024',
  CURRENT_MONTH: '05',
  CURRENT_DATE: '17',
  CURRENT_HOUR: '09',
  CURRENT_MINUTE: '30',
  CURRENT_SECOND: '05',
};

interface Parsed {
  text: string;
  /** Default text per tabstop, for mirrors. */
  defaults: Map<number, string>;
}

export function expandSnippet(body: string | string[]): string {
  const source = Array.isArray(body) ? body.join('\n') : body;
  const first = parse(source, 0, new Map(), false);
  // Second pass: now that every placeholder's default is known, mirrors can be filled in.
  return parse(source, 0, first.defaults, true).text;
}

function parse(
  src: string,
  start: number,
  defaults: Map<number, string>,
  fillMirrors: boolean,
  stopAtBrace = false,
): Parsed & { end: number } {
  let text = '';
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\' && i + 1 < src.length && '$}\\'.includes(src[i + 1])) {
      text += src[i + 1];
      i += 2;
    } else if (stopAtBrace && c === '}') {
      return { text, defaults, end: i };
    } else if (c === '$') {
      const r = dollar(src, i, defaults, fillMirrors);
      text += r.text;
      i = r.end;
    } else {
      text += c;
      i++;
    }
  }
  if (stopAtBrace) throw new Error(`unclosed placeholder in snippet: ${src}`);
  return { text, defaults, end: i };
}

function dollar(src: string, i: number, defaults: Map<number, string>, fillMirrors: boolean): { text: string; end: number } {
  const bare = /^\$(\d+|[A-Z_]+)/.exec(src.slice(i));
  if (bare) return { text: valueOf(bare[1], undefined, defaults, fillMirrors), end: i + bare[0].length };
  const braced = /^\$\{(\d+|[A-Z_]+)(:|\||\})/.exec(src.slice(i));
  if (!braced) throw new Error(`bad $ at ${i} in snippet: ${src}`);
  const [, name, sep] = braced;
  let end = i + braced[0].length;
  if (sep === '}') return { text: valueOf(name, undefined, defaults, fillMirrors), end };
  if (sep === '|') {
    const close = src.indexOf('|}', end);
    if (close < 0) throw new Error(`unclosed choice in snippet: ${src}`);
    const choice = src.slice(end, close).split(',')[0];
    record(name, choice, defaults);
    return { text: choice, end: close + 2 };
  }
  const inner = parse(src, end, defaults, fillMirrors, true);
  end = inner.end + 1;
  record(name, inner.text, defaults);
  return { text: /^\d+$/.test(name) ? inner.text : (VARIABLES[name] ?? inner.text), end };
}

function record(name: string, value: string, defaults: Map<number, string>): void {
  if (/^\d+$/.test(name) && !defaults.has(Number(name))) defaults.set(Number(name), value);
}

function valueOf(name: string, fallback: string | undefined, defaults: Map<number, string>, fillMirrors: boolean): string {
  if (/^\d+$/.test(name)) return fillMirrors ? (defaults.get(Number(name)) ?? '') : '';
  if (!(name in VARIABLES)) throw new Error(`unknown snippet variable ${name}`);
  return VARIABLES[name] ?? fallback ?? '';
}
