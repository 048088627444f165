/**
 * Activation cost, part one: how long `require()` of the bundled extension takes in plain Node
 * (with `vscode` stubbed), compared with a minimal extension bundled the same way. Each sample is a
 * fresh process, so module caches never help; the median over the runs is reported.
 *
 * `npm run bench` measures a production build (`esbuild.js --production`, made into a temporary
 * folder by `measureProductionRequireTime`): the activation bundle `extension.js` against the
 * target of at most 5x the minimal extension, and, for information, `features.js`, which the first
 * use of a command, the view or a provider loads.
 *
 * CLI: node out/test/bench/requireTime.js [runs] [bundle]   (defaults: 15, a production build)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { VSCODE_STUB_PRELOAD } from './vscodeStub';

const projectRoot = path.resolve(__dirname, '..', '..', '..');
export const bundlePath = path.join(projectRoot, 'dist', 'extension.js');

/** An extension of the same shape: imports vscode, exports activate/deactivate, bundled alike. */
const MINIMAL_EXTENSION = `
import * as vscode from 'vscode';
export function activate(context: vscode.ExtensionContext) {
  const log = vscode.window.createOutputChannel('Minimal', { log: true });
  context.subscriptions.push(log);
  return { log };
}
export function deactivate() {}
`;

export interface RequireTimeResult {
  runs: number;
  extensionMs: number;
  minimalMs: number;
  /** extensionMs / minimalMs */
  ratio: number;
  extensionBytes: number;
  minimalBytes: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds one fresh Node process spends in `require(file)`. */
function sampleOnce(file: string, preload: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const result = spawnSync(process.execPath, ['-r', preload, '-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`loading ${file} failed:\n${result.stderr}`);
  return Number(result.stdout.trim());
}

function medianRequireMs(file: string, preload: string, runs: number): number {
  sampleOnce(file, preload); // warm the OS file cache; not counted
  return median(Array.from({ length: runs }, () => sampleOnce(file, preload)));
}

/** Bundles the minimal extension with the options esbuild.js uses for the real one. */
function buildMinimal(dir: string, minify: boolean): string {
  const source = path.join(dir, 'minimal.ts');
  fs.writeFileSync(source, MINIMAL_EXTENSION);
  const outfile = path.join(dir, 'minimal.js');
  buildSync({
    entryPoints: [source],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    minify,
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/** Measures a bundle as it is, dist/extension.js by default (build it first: `npm run build` or `npm run package`). */
export function measureRequireTime(runs = 15, bundle = bundlePath): RequireTimeResult {
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-bench-require-'));
  try {
    const preload = path.join(dir, 'vscode-stub.js');
    fs.writeFileSync(preload, VSCODE_STUB_PRELOAD);
    // Compare like with like: a minified bundle against a minified minimal one.
    const minified = !fs.readFileSync(bundle, 'utf8').includes('\n//# sourceMappingURL=');
    const minimal = buildMinimal(dir, minified);
    const extensionMs = medianRequireMs(bundle, preload, runs);
    const minimalMs = medianRequireMs(minimal, preload, runs);
    return {
      runs,
      extensionMs,
      minimalMs,
      ratio: extensionMs / minimalMs,
      extensionBytes: fs.statSync(bundle).size,
      minimalBytes: fs.statSync(minimal).size,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The activation bundle may cost at most this many times the minimal extension (issue #17). */
export const ACTIVATION_TARGET_RATIO = 5;

export interface ProductionRequireTimeResult extends RequireTimeResult {
  build: 'production';
  /** `features.js` of the same build, measured alike (what the first use of a feature loads). */
  features: { ms: number; bytes: number; ratio: number };
  target: { ratioAtMost: number; met: boolean };
}

/** Builds the extension as `npm run package` does, into a temporary folder, and measures its bundles. */
export function measureProductionRequireTime(runs = 15): ProductionRequireTimeResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-bench-production-'));
  try {
    const built = spawnSync(process.execPath, ['esbuild.js', '--production', '--outdir', dir], { cwd: projectRoot, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`the production build failed:\n${built.stderr}${built.stdout}`);
    const activation = measureRequireTime(runs, path.join(dir, 'extension.js'));
    const features = measureRequireTime(runs, path.join(dir, 'features.js'));
    return {
      ...activation,
      build: 'production',
      features: { ms: features.extensionMs, bytes: features.extensionBytes, ratio: features.extensionMs / features.minimalMs },
      target: { ratioAtMost: ACTIVATION_TARGET_RATIO, met: activation.ratio <= ACTIVATION_TARGET_RATIO },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function formatProductionRequireTime(r: ProductionRequireTimeResult): string {
  return [
    `Production build. ${formatRequireTime(r)}`,
    `  target             at most ${r.target.ratioAtMost}x: ${r.target.met ? 'met' : 'NOT met'}`,
    `  features.js        ${r.features.ms.toFixed(2)} ms  (${(r.features.bytes / 1024).toFixed(0)} KB, ${r.features.ratio.toFixed(1)}x; loaded on first use)`,
  ].join('\n');
}

export function formatRequireTime(r: RequireTimeResult): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  return [
    `require() time, median of ${r.runs} fresh processes:`,
    `  extension bundle   ${r.extensionMs.toFixed(2)} ms  (${kb(r.extensionBytes)})`,
    `  minimal extension  ${r.minimalMs.toFixed(2)} ms  (${kb(r.minimalBytes)})`,
    `  ratio              ${r.ratio.toFixed(1)}x`,
  ].join('\n');
}

if (require.main === module) {
  const runs = Number(process.argv[2] || 15);
  console.log(
    process.argv[3]
      ? formatRequireTime(measureRequireTime(runs, path.resolve(process.argv[3])))
      : formatProductionRequireTime(measureProductionRequireTime(runs)),
  );
}
