// Bundles the extension into dist/extension.js (and dist/lazy/, see LAZY_PACKAGES). `--production` minifies, `--watch` rebuilds on change.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Packages the extension loads on first use (src/connections/mysqlDriver.ts, src/storage/s3Sdk.ts: S3 and STS),
 * each bundled into its own file, dist/lazy/<name>.js. The loaders' `import()` becomes a `require()`
 * of that file, so activation neither runs nor even compiles them: V8 compiling their ~1.6 MB was
 * most of the require time of a single bundle.
 */
const LAZY_PACKAGES = { 'mysql2/promise': 'mysql2', '@aws-sdk/client-s3': 'client-s3', '@aws-sdk/client-sts': 'client-sts' };

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

async function main() {
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
    await ctx.watch();
    return;
  }
  const result = await ctx.rebuild();
  await ctx.dispose();
  if (result.errors.length > 0) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
