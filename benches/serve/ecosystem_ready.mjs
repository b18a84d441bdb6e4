// How long the ecosystem pages of a running `polku serve` take to be ready in Chromium: for each
// URL, RUNS fresh page loads (new browser context, so nothing is cached), the time from the
// navigation's start to its load event (HTML, CSS, scripts, the inline diagram laid out and the
// viewer started), with the number of boxes the diagram draws. Prints a table; asserts nothing.
//
//   node benches/serve/ecosystem_ready.mjs BASE_URL PATH...
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../tests/consumers/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [base, ...paths] = process.argv.slice(2);
const runs = Number(process.env.RUNS || 5);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('page'.padEnd(52), 'boxes', 'bytes'.padStart(8), 'ready ms: median', 'max');
for (const path of paths) {
  const times = [];
  let boxes = 0, bytes = 0;
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.goto(base + path, { waitUntil: 'load' });
    const t = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { ready: n.loadEventEnd - n.startTime, bytes: n.transferSize || n.encodedBodySize };
    });
    times.push(t.ready);
    bytes = t.bytes;
    boxes = await page.locator('#diagram svg .node').count();
    await context.close();
  }
  console.log(path.padEnd(52), String(boxes).padStart(5), String(bytes).padStart(8),
    median(times).toFixed(0).padStart(16), Math.max(...times).toFixed(0).padStart(4));
}
await browser.close();
