// Parses a Mermaid flowchart with Mermaid itself (the library GitHub renders Markdown diagrams
// with), under jsdom, and prints what it understood as JSON: vertices with their label text
// (Mermaid's entity codes decoded, as a browser would show them), edges and subgraphs. The caller
// compares that with what it exported, so an injected node, edge or subgraph, or a label that
// does not come back exactly, is caught.
//
//   node tests/consumers/mermaid_check.mjs FILE.mmd [FILE.mmd…]
//   node tests/consumers/mermaid_check.mjs --lines
//
// Prints a JSON array with one summary per file, in order (loading Mermaid takes a second or
// two, so one run reads many files). Exit codes: 0 all parsed, 1 Mermaid reports a syntax error
// (printed on stderr with the file), 2 bad usage or unreadable file, 3 mermaid or jsdom is not
// installed (npm install --prefix tests/consumers).
//
// With --lines it stays up for a caller that makes its texts one by one (the pipeline property
// test): it answers one JSON line on stdout, `{"ready":true}` once Mermaid is loaded (or
// `{"missing":"…"}` and exit 3), then for each line of stdin — a Mermaid text as a JSON string —
// one line `{"ok":true,"type":"flowchart-v2"}` or `{"ok":false,"error":"…"}`, until stdin ends.
// Mermaid's own console output goes to stderr, so stdout holds only the answers.

import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

const lines = process.argv[2] === '--lines';
const files = lines ? [] : process.argv.slice(2);
if (!lines && files.length === 0) {
  console.error('usage: node mermaid_check.mjs FILE.mmd [FILE.mmd…] | --lines');
  process.exit(2);
}
const answer = (value) => process.stdout.write(JSON.stringify(value) + '\n');
if (lines) {
  console.log = console.info = console.warn = console.debug = console.error;
}

let JSDOM;
let mermaid;
try {
  ({ JSDOM } = await import('jsdom'));
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  globalThis.window = dom.window;
  globalThis.document = dom.window.document;
  globalThis.DOMParser = dom.window.DOMParser;
  ({ default: mermaid } = await import('mermaid'));
} catch (e) {
  const why = `mermaid or jsdom is not installed: npm install --prefix tests/consumers (${e.message})`;
  if (lines) {
    answer({ missing: why });
  }
  console.error(why);
  process.exit(3);
}

mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

if (lines) {
  answer({ ready: true });
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    try {
      const text = JSON.parse(line);
      await mermaid.parse(text);
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
      answer({ ok: true, type: diagram.type });
    } catch (e) {
      answer({ ok: false, error: String(e?.message ?? e) });
    }
  }
  process.exit(0);
}

// Mermaid swaps entity codes (#quot;, #35;) for placeholders while parsing and turns them into
// HTML entities when it renders; decode them here as the browser would.
const named = { quot: '"', lt: '<', gt: '>', amp: '&' };
const decode = (s) =>
  String(s ?? '')
    .replace(/ﬂ°°(\d+)¶ß/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/ﬂ°(\w+)¶ß/g, (m, name) => named[name] ?? m);

const summaries = [];
for (const file of files) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    console.error(`cannot read ${file}: ${e.message}`);
    process.exit(2);
  }
  let diagram;
  try {
    await mermaid.parse(text);
    diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  } catch (e) {
    console.error(`${file}: mermaid: ${e.message}`);
    process.exit(1);
  }
  const db = diagram.db;
  summaries.push({
    file,
    type: diagram.type,
    vertices: [...db.getVertices().values()].map((v) => ({
      id: v.id,
      text: decode(v.text),
      classes: v.classes,
    })),
    edges: db.getEdges().map((e) => ({
      start: e.start,
      end: e.end,
      stroke: e.stroke,
      text: decode(e.text),
    })),
    subgraphs: db.getSubGraphs().map((s) => ({
      id: s.id,
      title: decode(s.title),
      nodes: s.nodes,
    })),
  });
}
console.log(JSON.stringify(summaries, null, 2));
