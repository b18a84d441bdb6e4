// axe-core in Debian's Chromium (playwright-core): every page given, at a desktop and a phone
// width, against WCAG 2.1 A and AA. Prints one JSON report on stdout: per page and width, the
// violations with the elements they are on. Exits 3 when the packages or the browser are missing
// (the Rust test then skips, or fails in CI), 1 on any other failure.
//
//   node tests/consumers/axe_check.mjs URL...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let chromium, axeSource;
try {
  ({ chromium } = await import('playwright-core'));
  axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
} catch (e) {
  console.error(`playwright-core or axe-core is missing: ${e.message}`);
  process.exit(3);
}
let browser;
try {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
} catch (e) {
  console.error(`Chromium cannot start: ${e.message}`);
  process.exit(3);
}
const report = [];
try {
  for (const url of process.argv.slice(2)) {
    for (const [width, height] of [[1440, 1000], [390, 844]]) {
      // The pages forbid inline script (CSP); axe is injected past it, the page's own rules stay.
      const context = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary })),
          count: v.nodes.length,
        }));
      });
      report.push({ url, width, violations: result });
      await context.close();
    }
  }
} catch (e) {
  console.error(e.stack || String(e));
  await browser.close();
  process.exit(1);
}
await browser.close();
console.log(JSON.stringify(report));
