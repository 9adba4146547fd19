// Prints, per TS/TSX file, the sequence of syntax kinds, the string literal values and the
// number of parse errors: node ts_ast.js <typescript module dir> <file>...
const ts = require(process.argv[2]);
const fs = require("fs");

const out = {};
for (const file of process.argv.slice(3)) {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, kind);
  const kinds = [];
  const strings = [];
  const visit = (node) => {
    // Line breaks between JSX elements are whitespace-only text: layout, not structure.
    if (node.kind === ts.SyntaxKind.JsxText && !node.text.trim()) return;
    kinds.push(ts.SyntaxKind[node.kind]);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) strings.push(node.text);
    if (node.kind === ts.SyntaxKind.JsxText && node.text.trim()) strings.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  out[file] = { kinds, strings, errors: sf.parseDiagnostics.length };
}
process.stdout.write(JSON.stringify(out));
