// Bundles the extension into dist/extension.js (and dist/lazy/, see LAZY_PACKAGES). `--production` minifies, `--watch` rebuilds on change.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Packages the extension loads on first use (src/connections/mysqlDriver.ts, src/storage/s3Sdk.ts),
 * each bundled into its own file, dist/lazy/<name>.js. The loaders' `import()` becomes a `require()`
 * of that file, so activation neither runs nor even compiles them: V8 compiling their ~1.6 MB was
 * most of the require time of a single bundle.
 */
const LAZY_PACKAGES = { 'mysql2/promise': 'mysql2', '@aws-sdk/client-s3': 'client-s3' };

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

const entryPoints = {
  extension: 'src/extension.ts',
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
  outdir: 'dist',
  logLevel: 'silent',
};

function copyElements() {
  const fs = require('node:fs');
  fs.mkdirSync('dist/webview', { recursive: true });
  fs.copyFileSync(require.resolve('@vscode-elements/elements/dist/bundled.js'), 'dist/webview/elements.js');
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
    outdir: 'dist',
    external: ['vscode'],
    logLevel: 'silent',
    plugins: watch ? [lazyPackages, problemReporter] : [lazyPackages],
  });
  if (watch) {
    await Promise.all([ctx.watch(), webview.watch()]);
    return;
  }
  const results = await Promise.all([ctx.rebuild(), webview.rebuild()]);
  await Promise.all([ctx.dispose(), webview.dispose()]);
  if (results.some((result) => result.errors.length > 0)) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
