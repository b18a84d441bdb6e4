// Save-to-reload latency of `polku serve`: edits a pathway file of the served workspace N times
// and, for each save, measures the time until the `reload` event (with a newer generation)
// arrives on /events — what an open page waits for before it reloads.
//
//   node benches/serve/reload_latency.mjs BASE_URL FILE [N]
//
// FILE must be a pathway file in the served folder (a copy: it is edited, then put back). Each
// edit changes the `title` line. Prints every latency, then the median and max in ms.

import { readFile, writeFile } from 'node:fs/promises';

const [base, file, n = '20'] = process.argv.slice(2);
if (!base || !file) {
  console.error('usage: node reload_latency.mjs BASE_URL FILE [N]');
  process.exit(2);
}
const edits = Number(n);
const original = await readFile(file, 'utf8');
const title = original.split('\n').find((l) => /^title\s*=/.test(l));
if (!title) {
  console.error(`${file} has no title line`);
  process.exit(2);
}

// One SSE stream for the whole run, parsed by hand (Node has fetch, not EventSource).
const response = await fetch(new URL('/events', base));
if (!response.ok) throw new Error(`/events: HTTP ${response.status}`);
const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
let buffer = '';
const waiting = [];
let generation = 0;
(async () => {
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = block.match(/^event: ?(.*)$/m)?.[1];
      const data = block.match(/^data: ?(.*)$/m)?.[1];
      const at = performance.now();
      if (event === 'reload') {
        generation = JSON.parse(data).generation;
        for (const w of waiting.splice(0)) w({ generation, at });
      } else if (event === 'problems') {
        for (const w of waiting.splice(0)) w({ problems: JSON.parse(data).text, at });
      }
    }
  }
})();
const next = () => new Promise((resolve) => waiting.push(resolve));

// The stream opens with the current generation.
await next();
const times = [];
try {
  for (let i = 1; i <= edits; i++) {
    const before = generation;
    const arrived = next();
    const saved = performance.now();
    await writeFile(file, original.replace(title, title.replace(/" ?}?\s*$/, (end) => ` ${i}${end}`)));
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`no reload within 10 s of edit ${i}`)), 10_000));
    const got = await Promise.race([arrived, timeout]);
    if (got.problems) throw new Error(`edit ${i} made the workspace invalid:\n${got.problems}`);
    if (got.generation <= before) throw new Error(`edit ${i}: generation ${got.generation} is not newer than ${before}`);
    const ms = got.at - saved;
    times.push(ms);
    console.log(`edit ${String(i).padStart(2)}: ${ms.toFixed(1)} ms (generation ${got.generation})`);
    // Let the debouncer settle so edits do not coalesce.
    await new Promise((r) => setTimeout(r, 150));
  }
} finally {
  await writeFile(file, original);
  reader.cancel().catch(() => {});
}
times.sort((a, b) => a - b);
const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
console.log(`save-to-reload over ${times.length} edits: median ${median.toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
process.exit(0);
