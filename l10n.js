// Writes l10n/bundle.l10n.json, the strings translators translate (`npm run l10n`).
//
// @vscode/l10n-dev's exporter only sees calls written `vscode.l10n.t('…')` or `l10n.t('…')`. The
// extension also calls it through an alias (`const t = vscode.l10n.t;` in the command modules) and
// through a `t`/`l10n.t` parameter in modules that cannot import `vscode` (the connection layer's
// `Translate`, the language features' `env.l10n`), which the extension fills with `vscode.l10n.t`.
// Those strings are looked up in the same bundle at runtime, so they are exported here too: the
// first argument of every call of `t(…)` or `<anything>.l10n.t(…)` that is a plain string literal.
// `test/unit/l10n.test.ts` fails when the committed bundle differs from what this exports.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const { getL10nJson } = require('@vscode/l10n-dev');

function tsFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** True for `t(…)`, `l10n.t(…)` and `<expr>.l10n.t(…)`. */
function isTranslateCall(callee) {
  if (ts.isIdentifier(callee)) return callee.text === 't';
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 't') return false;
  const owner = callee.expression;
  return (ts.isIdentifier(owner) && owner.text === 'l10n') || (ts.isPropertyAccessExpression(owner) && owner.name.text === 'l10n');
}

/** The messages of the translate calls in one file; a message built with `${…}` cannot be translated. */
function messagesOf(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const messages = [];
  const visit = (node) => {
    if (ts.isCallExpression(node) && isTranslateCall(node.expression) && node.arguments.length > 0) {
      const message = node.arguments[0];
      if (ts.isStringLiteral(message) || ts.isNoSubstitutionTemplateLiteral(message)) messages.push(message.text);
      if (ts.isTemplateExpression(message)) {
        const { line } = source.getLineAndCharacterOfPosition(message.getStart(source));
        throw new Error(`${file}:${line + 1}: a translated message must not use \${…}; write {0} and pass the value as an argument.`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return messages;
}

/** The bundle for the sources under `root/src`, keys sorted. */
async function exportBundle(root = __dirname) {
  const files = tsFiles(path.join(root, 'src')).map((file) => ({ file, contents: fs.readFileSync(file, 'utf8') }));
  const bundle = await getL10nJson(files.map(({ contents }) => ({ contents, extension: '.ts' })));
  for (const { file, contents } of files) {
    for (const message of messagesOf(path.relative(root, file), contents)) if (!(message in bundle)) bundle[message] = message;
  }
  return Object.fromEntries(
    Object.keys(bundle)
      .sort()
      .map((key) => [key, bundle[key]]),
  );
}

module.exports = { exportBundle, bundlePath: path.join(__dirname, 'l10n', 'bundle.l10n.json') };

if (require.main === module) {
  exportBundle().then(
    (bundle) => {
      fs.writeFileSync(module.exports.bundlePath, `${JSON.stringify(bundle, undefined, 2)}\n`);
      console.log(`${Object.keys(bundle).length} strings written to ${path.relative(process.cwd(), module.exports.bundlePath)}`);
    },
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
