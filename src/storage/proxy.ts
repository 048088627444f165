/**
 * Which HTTP(S) proxy an S3 request goes through. Pure: the VS Code side reads `http.proxy`,
 * `http.proxyStrictSSL`, `http.noProxy` and the environment and passes them in; `client.ts` turns
 * the choice into the SDK's request-handler agents.
 *
 * The rules follow VS Code's own (so S3 goes where the editor's requests go): the `http.proxy`
 * setting wins over the environment; for an `https:` endpoint the environment's `HTTPS_PROXY`
 * (then `HTTP_PROXY`), for an `http:` one `HTTP_PROXY`, upper case before lower case. `NO_PROXY`
 * (and `http.noProxy`) lists hosts reached directly, whichever proxy would apply.
 */

export interface ProxyConfig {
  /** VS Code's `http.proxy`; empty or absent: none set. */
  proxySetting?: string;
  /** VS Code's `http.proxyStrictSSL` (its default is true). */
  strictSSL?: boolean;
  /** VS Code's `http.noProxy` entries. */
  noProxySetting?: readonly string[];
  /** The process environment (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY` and their lower-case forms). */
  env: Readonly<Record<string, string | undefined>>;
}

export type ProxySource = 'http.proxy' | 'HTTPS_PROXY' | 'https_proxy' | 'HTTP_PROXY' | 'http_proxy';

export type ProxyChoice =
  | { kind: 'direct' }
  | { kind: 'proxy'; url: URL; source: ProxySource; strictSSL: boolean }
  /** The configured value is not an http(s) URL; `shown` is it without any user:password. */
  | { kind: 'invalid'; source: ProxySource; shown: string };

/** The proxy for requests to `endpoint` (a URL such as `https://s3.us-east-1.amazonaws.com`). */
export function proxyFor(endpoint: string | URL, config: ProxyConfig): ProxyChoice {
  const target = typeof endpoint === 'string' ? new URL(endpoint) : endpoint;
  const found = configuredProxy(target.protocol, config);
  if (!found) return { kind: 'direct' };
  const noProxy = [...(config.noProxySetting ?? []), ...splitList(envValue(config.env, 'NO_PROXY') ?? '')];
  if (bypassesProxy(target, noProxy)) return { kind: 'direct' };
  const url = parseProxyUrl(found.value);
  if (!url) return { kind: 'invalid', source: found.source, shown: withoutCredentials(found.value) };
  return { kind: 'proxy', url, source: found.source, strictSSL: config.strictSSL ?? true };
}

function configuredProxy(protocol: string, config: ProxyConfig): { value: string; source: ProxySource } | undefined {
  const setting = config.proxySetting?.trim();
  if (setting) return { value: setting, source: 'http.proxy' };
  const order: ProxySource[] =
    protocol === 'http:' ? ['HTTP_PROXY', 'http_proxy'] : ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
  for (const name of order) {
    const value = config.env[name]?.trim();
    if (value) return { value, source: name };
  }
  return undefined;
}

function envValue(env: ProxyConfig['env'], name: string): string | undefined {
  return env[name] ?? env[name.toLowerCase()];
}

function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `host:port` without a scheme is taken as `http://host:port`, as curl and VS Code do. */
function parseProxyUrl(value: string): URL | undefined {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The proxy address for messages and logs: never its user name or password. */
export function withoutCredentials(value: string | URL): string {
  if (value instanceof URL) return `${value.protocol}//${value.host}`;
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^@/]*@/i, '$1');
}

/**
 * Whether a `NO_PROXY` list sends `target` directly. An entry is `*` (everything), a host name
 * that also covers its subdomains (`example.com`, `.example.com`, `*.example.com`), an IP address,
 * an IPv4 CIDR block (`10.0.0.0/8`), any of them optionally with `:port` (then only that port).
 */
export function bypassesProxy(target: URL, entries: readonly string[]): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'http:' ? '80' : '443');
  return entries.some((raw) => matchesEntry(host, port, raw.trim().toLowerCase()));
}

function matchesEntry(host: string, port: string, entry: string): boolean {
  if (!entry) return false;
  if (entry === '*') return true;
  let pattern = entry;
  let entryPort: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(pattern);
  if (bracketed) {
    pattern = bracketed[1];
    entryPort = bracketed[2];
  } else if ((pattern.match(/:/g) ?? []).length === 1) {
    [pattern, entryPort] = pattern.split(':');
  }
  if (entryPort !== undefined && entryPort !== port) return false;
  if (pattern.includes('/')) return inCidr(host, pattern);
  const domain = pattern.replace(/^\*?\./, '');
  if (!domain) return false;
  return host === domain || host.endsWith(`.${domain}`);
}

function inCidr(host: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const a = ipv4(host);
  const b = ipv4(base);
  if (a === undefined || b === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}
