// Bundles the extension into dist/extension.js (activation), dist/features.js (loaded on first use) and
// dist/lazy/ (see LAZY_PACKAGES). `--production` minifies, `--watch` rebuilds on change, `--outdir <dir>`
// writes elsewhere (the bench measures a production build without touching dist/), `--metafile <file>`
// saves what each bundle holds (test/unit/activationBundle.test.ts reads it).
const path = require('node:path');
const fs = require('node:fs');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const argValue = (name) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};
const outdir = argValue('--outdir') ?? 'dist';
const metafile = argValue('--metafile');

/**
 * Packages the extension loads on first use (src/connections/mysqlDriver.ts, src/storage/s3Sdk.ts: S3 and STS,
 * src/connections/ssh/sshDriver.ts),
 * each bundled into its own file, dist/lazy/<name>.js. The loaders' `import()` becomes a `require()`
 * of that file, so activation neither runs nor even compiles them: V8 compiling their ~1.6 MB was
 * most of the require time of a single bundle.
 */
const LAZY_PACKAGES = { 'mysql2/promise': 'mysql2', '@aws-sdk/client-s3': 'client-s3', '@aws-sdk/client-sts': 'client-sts', ssh2: 'ssh2' };

/**
 * ssh2's optional native parts (its crypto binding, cpu-features) are required inside try/catch and
 * fall back to pure JavaScript when absent; left out of the bundle, they are absent.
 */
const OPTIONAL_NATIVE = ['cpu-features', '*.node'];

const lazyPackages = {
  name: 'lazy-packages',
  setup(build) {
    const names = Object.keys(LAZY_PACKAGES).map((name) => name.replace(/[/.]/g, '\\$&'));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) =>
      // Only the loaders' dynamic import; a static import would be bundled as usual (eslint forbids it in src/).
      args.kind === 'dynamic-import' ? { path: `./lazy/${LAZY_PACKAGES[args.path]}.js`, external: true } : undefined,
    );
  },
};

/**
 * The features (src/features.ts): activation (src/extension.ts, src/activation/) loads them on first
 * use through one `import('../features')` in src/activation/featureLoader.ts, which becomes a
 * `require('./features.js')` of their own bundle, so activation neither runs nor compiles them.
 */
const FEATURES_SOURCE = path.resolve(__dirname, 'src', 'features.ts');

const lazyFeatures = {
  name: 'lazy-features',
  setup(build) {
    build.onResolve({ filter: /\/features$/ }, (args) =>
      args.kind === 'dynamic-import' && path.resolve(args.resolveDir, `${args.path}.ts`) === FEATURES_SOURCE
        ? { path: './features.js', external: true }
        : undefined,
    );
  },
};

const entryPoints = {
  extension: 'src/extension.ts',
  features: 'src/features.ts',
  ...Object.fromEntries(Object.entries(LAZY_PACKAGES).map(([pkg, name]) => [`lazy/${name}`, require.resolve(pkg)])),
};

/** Prints esbuild's problems in the form VS Code's problem matcher understands. */
const problemReporter = {
  name: 'problem-reporter',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * The connection form's webview (src/webview/): its script for the browser, and the vscode-elements
 * bundle copied next to it. dist/webview is the webview's only local resource root.
 */
const webviewOptions = {
  entryPoints: { 'webview/connectionForm': 'src/webview/connectionForm.ts' },
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  outdir,
  logLevel: 'silent',
};

function copyElements() {
  const path = require('node:path');
  fs.mkdirSync(path.join(outdir, 'webview'), { recursive: true });
  fs.copyFileSync(require.resolve('@vscode-elements/elements/dist/bundled.js'), path.join(outdir, 'webview', 'elements.js'));
}

async function main() {
  copyElements();
  const webview = await esbuild.context({ ...webviewOptions, plugins: watch ? [problemReporter] : [] });
  const ctx = await esbuild.context({
    entryPoints,
    bundle: true,
    format: 'cjs',
    // An external `import()` is emitted as `require()`: the extension host loads CommonJS.
    supported: { 'dynamic-import': false },
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    platform: 'node',
    target: 'node20',
    outdir,
    metafile: !!metafile,
    external: ['vscode', ...OPTIONAL_NATIVE],
    logLevel: 'silent',
    plugins: watch ? [lazyPackages, lazyFeatures, problemReporter] : [lazyPackages, lazyFeatures],
  });
  if (watch) {
    await Promise.all([ctx.watch(), webview.watch()]);
    return;
  }
  const results = await Promise.all([ctx.rebuild(), webview.rebuild()]);
  await Promise.all([ctx.dispose(), webview.dispose()]);
  if (results.some((result) => result.errors.length > 0)) process.exit(1);
  if (metafile) fs.writeFileSync(metafile, JSON.stringify(results[0].metafile));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
