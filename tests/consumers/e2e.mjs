// End-to-end check of `polku serve` in a real headless Chromium, driven by playwright-core: what a
// reader does with the pages, and what a writer sees while editing the workspace's files.
//
//   node tests/consumers/e2e.mjs BASE_URL WORKSPACE_DIR SCREENSHOT_DIR [PATHWAY] [FINDINGS_PATHWAY]
//
// BASE_URL is a running `polku serve WORKSPACE_DIR` (the script edits the pathway's file there, so
// give it a copy). PATHWAY (default hehku-liikkuva-tuki) is the one opened, switched and edited;
// FINDINGS_PATHWAY (default hehku-laajennus-espoo-ja-vantaa) is one with findings to click.
// A screenshot of each step goes to SCREENSHOT_DIR. Every console error, CSP violation and
// uncaught page error fails the run.
//
// Prints one JSON line on stdout: the steps passed and the save-to-visible latencies in ms.
// Exit codes: 0 passed, 1 a check failed (said on stderr), 2 bad usage, 3 playwright-core or
// Chromium is not installed (npm ci --prefix tests/consumers; apt-get install chromium).

import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, workspace, shots, pathway = 'hehku-liikkuva-tuki', findingsPathway = 'hehku-laajennus-espoo-ja-vantaa'] =
  process.argv.slice(2);
if (!base || !workspace || !shots) {
  console.error('usage: node e2e.mjs BASE_URL WORKSPACE_DIR SCREENSHOT_DIR [PATHWAY] [FINDINGS_PATHWAY]');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  console.error(`playwright-core is not installed: npm ci --prefix tests/consumers (${e.message})`);
  process.exit(3);
}
if (!existsSync(executablePath)) {
  console.error(`no Chromium at ${executablePath}: apt-get install chromium chromium-driver`);
  process.exit(3);
}

const url = (path) => new URL(path, base).href;
const file = join(workspace, `${pathway}.toml`);
const started = Date.now();
const steps = [];
const latency = {};
const problems = [];

class Failed extends Error {}
function check(ok, what) {
  if (!ok) throw new Failed(what);
}
function log(message) {
  console.error(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
}

await mkdir(shots, { recursive: true });
const profileDir = await mkdtemp(join(tmpdir(), 'polku-e2e-chromium-'));
// A fresh profile each run (Playwright's way to give --user-data-dir). A Finnish reader: the
// server chooses from Accept-Language until a language is picked.
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath,
  headless: true,
  locale: 'fi-FI',
  viewport: { width: 1366, height: 900 },
  // The flags known to work on a machine without outside network: no background connections,
  // no component updates, no first-run dialogs.
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

let page;
let shot = 0;
async function screenshot(name, options = {}) {
  shot += 1;
  const path = join(shots, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path, ...options });
  return path;
}
async function step(name, body) {
  log(name);
  await body();
  steps.push(name);
}

/** Waits until `predicate` (run in the page, across reloads) holds; returns ms waited. */
async function until(predicate, arg, timeout = 10_000) {
  const from = Date.now();
  for (;;) {
    try {
      if (await page.evaluate(predicate, arg)) return Date.now() - from;
    } catch (e) {
      // The page is navigating (a live reload): its context is gone for a moment.
      if (!/context was destroyed|navigation|Target closed/i.test(e.message)) throw e;
    }
    if (Date.now() - from > timeout) throw new Failed(`timed out after ${timeout} ms waiting for ${predicate}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

// Whether every service `keys` lies inside the diagram's box, its label at least 10 CSS px.
const inView = (page, keys) => page.evaluate((keys) => {
  const box = document.querySelector('#diagram').getBoundingClientRect();
  return keys.every((k) => {
    const node = document.querySelector(`#diagram .node[data-key="${k}"]`);
    const r = node.querySelector('rect').getBoundingClientRect();
    // The label's font size in CSS px: its size in user units times the drawing's scale.
    const size = Number(node.querySelector('text')?.getAttribute('font-size') || 0);
    const px = size * node.ownerSVGElement.getScreenCTM().a;
    return r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1
      && r.bottom <= box.bottom + 1 && px >= 10;
  });
}, keys);

// `instance-generation`: the generation is the number after the dash.
const generation = () => page.evaluate(() => Number((document.body.dataset.version || '').split('-').pop()));
const svgText = () => page.evaluate(() => document.querySelector('#diagram svg')?.outerHTML ?? '');

try {
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) {
      problems.push(`console ${m.type()} on ${page.url()}: ${m.text()} (${m.location().url})`);
    }
  });
  page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  page.on('response', (r) => {
    // The live-reload stream is cut when a page reloads; anything else failing is a problem.
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  // CSP violations also as events, in case a build of Chromium stops logging them.
  await page.exposeFunction('__polkuCsp', (d) => problems.push(`CSP violation: ${d}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__polkuCsp(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
  });

  const listed = await (await fetch(url('/api/pathways'))).json();
  const ids = listed.pathways.map((p) => p.id);
  check(ids.includes(pathway), `/api/pathways lists ${pathway}: ${ids}`);

  await step('overview lists every pathway', async () => {
    await page.goto(url('/'));
    check((await page.getAttribute('html', 'lang')) === 'fi', 'Finnish for a Finnish browser');
    const rows = await page.$$eval('table.overview tbody tr[data-pathway]', (rs) => rs.map((r) => r.dataset.pathway));
    check(JSON.stringify([...rows].sort()) === JSON.stringify([...ids].sort()), `table rows ${rows} = API ${ids}`);
    const headers = await page.$$eval('table.overview thead th', (hs) => hs.length);
    check(headers >= 5, 'the table has its column headers');
    await screenshot('overview', { fullPage: true });
  });

  await step('a pathway opens from the overview', async () => {
    await Promise.all([page.waitForURL(`**/pathways/${pathway}`), page.click(`tr[data-pathway="${pathway}"] th a`)]);
    check(await page.isVisible('#diagram svg'), 'the diagram is drawn inline');
    check((await page.$$('#diagram svg .node[data-key]')).length > 0, 'the diagram has services');
    check((await page.inputValue('#view')) === 'lanes', 'the lanes view first');
    await screenshot('pathway');
    // The viewer: the buttons zoom, "whole diagram" shows it all, search centres a service.
    const scale = () => page.$eval('.viewer', (v) => Number(v.dataset.scale));
    const first = await scale();
    check(first > 0, `the viewer is live (scale ${first})`);
    await page.click('[data-zoom=in]');
    check((await scale()) > first, 'zoom in enlarges');
    await page.click('[data-zoom=fit]');
    check(await page.$eval('#diagram svg', (svg) => {
      const v = svg.viewBox.baseVal;
      return v.width >= svg.getBBox().width - 1;
    }), 'the whole diagram shows');
    await screenshot('whole-diagram');
    const whole = await scale();
    await page.focus('#diagram');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    const zoomed = await scale();
    check(zoomed > whole * 1.5, `+ zooms with the keyboard (${whole} → ${zoomed})`);
    const target = await page.$eval('#diagram .node[data-key]:last-of-type', (n) => ({
      key: n.dataset.key, name: n.querySelector('title').textContent,
    }));
    await page.fill('.viewer input[type=search]', target.name);
    await page.press('.viewer input[type=search]', 'Enter');
    await page.waitForSelector(`.service-detail.open#service-${target.key}`);
    check(await inView(page, [target.key]), `search brings ${target.key} into view`);
    await screenshot('search');
  });

  await step('choosing a profile shows its route', async () => {
    const before = await svgText();
    const profile = await page.$eval('#profile', (s) => [...s.options].find((o) => o.value)?.value);
    check(profile, 'the pathway has a profile to choose');
    // Chosen without a pointer (as from the keyboard) the choice waits for the Show button
    // (WCAG 3.2.2); the view follows the profile at once.
    await page.selectOption('#profile', profile);
    check((await page.inputValue('#view')) === 'route', 'choosing a profile sets the route view');
    check(!/profile=/.test(page.url()), 'no navigation before Show');
    await Promise.all([page.waitForURL(/profile=/), page.click('form.toolbar button[type=submit]')]);
    const params = new URL(page.url()).searchParams;
    check(params.get('view') === 'route' && params.get('profile') === profile, `route view in ${page.url()}`);
    check((await page.inputValue('#view')) === 'route', 'the view select says route');
    check((await page.inputValue('#profile')) === profile, 'the profile stays chosen');
    const after = await svgText();
    check(after && after !== before, 'the diagram changed');
    await screenshot('profile-route');
  });

  await step('Swedish is chosen and remembered', async () => {
    await Promise.all([page.waitForURL(/lang=sv/), page.click('.langs a[hreflang=sv]')]);
    check((await page.getAttribute('html', 'lang')) === 'sv', 'html[lang=sv]');
    const nav = await page.$$eval('.app-nav a:not(.brand)', (as) => as.map((a) => a.textContent.trim()));
    check(nav.includes('Servicestigar') && nav.includes('Observationer'), `Swedish navigation: ${nav}`);
    check((await page.getAttribute('.langs a[hreflang=sv]', 'aria-current')) === 'true', 'svenska is marked current');
    check(new URL(page.url()).searchParams.get('profile'), 'the profile survives the language switch');
    const cookies = await page.context().cookies();
    check(cookies.some((c) => c.name === 'polku-lang' && c.value === 'sv'), 'the polku-lang cookie is sv');
    // Without ?lang= the cookie decides, over the browser's Finnish.
    await page.goto(url(`/pathways/${pathway}`));
    check((await page.getAttribute('html', 'lang')) === 'sv', 'still Swedish after a reload without ?lang=');
    await page.reload();
    check((await page.getAttribute('html', 'lang')) === 'sv', 'still Swedish after reload');
    await screenshot('swedish');
  });

  await step('a service opens its details (click and keyboard)', async () => {
    const nodes = page.locator('#diagram svg .node[data-key]');
    const key = await nodes.first().getAttribute('data-key');
    await nodes.first().click();
    await page.waitForSelector(`.service-detail.open#service-${key}`);
    check((await page.$$('.service-detail.open')).length === 1, 'one detail open');
    check(await page.isVisible(`#service-${key} h3`), 'its heading shows');
    check((await page.getAttribute(`#diagram .node[data-key="${key}"]`, 'class')).includes('selected'), 'the node is marked');
    await screenshot('service-details');
    // The boxes are buttons for the keyboard too.
    const second = nodes.nth(1);
    const other = await second.getAttribute('data-key');
    await second.focus();
    check((await second.getAttribute('role')) === 'button', 'a node has role=button');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.service-detail.open#service-${other}`);
    check(!(await page.isVisible(`#service-${key}`)), 'the first detail closed');
  });

  await step('a finding highlights its services', async () => {
    await page.goto(url(`/pathways/${findingsPathway}`));
    const button = page.locator('button.highlight[data-services]:not([data-services=""])').first();
    check((await button.count()) === 1, `${findingsPathway} has a finding with services`);
    const keys = (await button.getAttribute('data-services')).split(' ').filter(Boolean);
    await button.click();
    check((await button.getAttribute('aria-pressed')) === 'true', 'aria-pressed=true');
    const lit = await page.$$eval('#diagram svg .node.hl', (ns) => ns.map((n) => n.dataset.key));
    const shown = await page.$$eval('#diagram svg .node', (ns) => ns.map((n) => n.dataset.key));
    const expected = keys.filter((k) => shown.includes(k));
    check(expected.length > 0, `the finding's services ${keys} are in the diagram`);
    check(JSON.stringify(lit.sort()) === JSON.stringify(expected.sort()), `highlighted ${lit}, expected ${expected}`);
    check(await page.$eval('#diagram', (d) => d.classList.contains('dimmed')), 'the rest is dimmed');
    check(await inView(page, expected), `the finding's services ${expected} are in view, readable`);
    const arrows = await page.$$eval('#diagram svg .edge.hl', (es) => es.map((e) => `${e.dataset.from}→${e.dataset.to}`));
    check(arrows.length > 0 && arrows.every((a) => expected.some((k) => a.includes(k))), `its arrows are lit: ${arrows}`);
    await screenshot('finding-highlight');
    await button.click();
    check((await button.getAttribute('aria-pressed')) === 'false', 'a second click clears');
    check((await page.$$('#diagram svg .node.hl, #diagram svg .edge.hl')).length === 0, 'nothing highlighted');
  });

  await step("every shipped pathway's legend is in view without scrolling, on a phone and a desktop", async () => {
    for (const [width, height] of [[1440, 1000], [390, 844]]) {
      await page.setViewportSize({ width, height });
      for (const id of ids) {
        await page.goto(url(`/pathways/${id}`));
        const seen = await page.evaluate(() => {
          const legend = document.querySelector('.viewer-legend');
          if (!legend) return 'no legend';
          // Its heading (a phone folds the entries under it) lies inside the first screen.
          const heading = legend.querySelector('summary, h2, h3') || legend;
          const r = heading.getBoundingClientRect();
          const shown = getComputedStyle(legend).display !== 'none' && r.height > 0;
          return shown && r.top >= 0 && r.bottom <= innerHeight ? 'ok' : `at ${r.top}–${r.bottom} of ${innerHeight}`;
        });
        check(seen === 'ok', `${id} at ${width} px: legend ${seen}`);
      }
      await screenshot(`legend-${width}`);
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  await step('no page scrolls sideways on a phone or a desktop', async () => {
    for (const [width, height] of [[390, 844], [1440, 1000]]) {
      await page.setViewportSize({ width, height });
      for (const path of ['/', `/pathways/${pathway}`, `/pathways/${findingsPathway}`, '/ecosystem', '/findings']) {
        await page.goto(url(path));
        const [scroll, client] = await page.evaluate(() =>
          [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        check(scroll <= client + 1, `${path} at ${width} px is ${scroll} px wide`);
      }
      await screenshot(`findings-${width}`);
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  const original = await readFile(file, 'utf8');
  const titleLine = original.split('\n').find((l) => /^title\s*=/.test(l));
  check(titleLine, `${file} has a title line`);
  const swedishTitle = titleLine.match(/sv = "([^"]*)"/)?.[1];
  check(swedishTitle, 'the title has a Swedish text');
  const retitled = (suffix) => original.replace(titleLine, titleLine.replace(`sv = "${swedishTitle}"`, `sv = "${swedishTitle} ${suffix}"`));

  await step('an edit on disk shows in the open page', async () => {
    await page.goto(url(`/pathways/${pathway}`));
    const g = await generation();
    const title = `${swedishTitle} (redigerad)`;
    const saved = Date.now();
    await writeFile(file, retitled('(redigerad)'));
    await until((t) => document.querySelector('h1')?.textContent === t, title);
    latency.edit = Date.now() - saved;
    check((await generation()) > g, 'a new generation is served');
    log(`save to visible: ${latency.edit} ms`);
    await screenshot('edited');
  });

  // The broken file: a line that is not TOML, at a known line.
  const lines = retitled('(redigerad)').split('\n');
  const brokenAt = lines.findIndex((l) => l.startsWith('[pathway]')) + 2;
  lines.splice(brokenAt - 1, 0, 'this is = = not toml');
  const broken = lines.join('\n');

  await step('a broken file shows the problems over the last good page', async () => {
    check(await page.isHidden('#problems'), 'no overlay before');
    const saved = Date.now();
    await writeFile(file, broken);
    await page.waitForSelector('#problems:not([hidden])', { timeout: 10_000 });
    latency.broken = Date.now() - saved;
    const text = await page.textContent('#problems-text');
    const where = text.match(new RegExp(`${pathway}\\.toml:(\\d+):(\\d+)`));
    check(where, `the overlay names the file with line and column:\n${text}`);
    check(Number(where[1]) === brokenAt, `the overlay says line ${where[1]}, the error is on line ${brokenAt}:\n${text}`);
    check(await page.isVisible('#problems-dismiss'), 'the overlay can be dismissed');
    check((await page.textContent('h1')) === `${swedishTitle} (redigerad)`, 'the last good version stays under it');
    log(`save to overlay: ${latency.broken} ms; it says ${where[0]}`);
    await screenshot('problems-overlay');
    // A page opened now shows the problems from the start.
    const fresh = await page.context().newPage();
    await fresh.goto(url(`/pathways/${pathway}`));
    check(await fresh.isVisible('#problems'), 'a newly opened page shows the overlay too');
    await fresh.close();
  });

  await step('fixing the file removes the overlay and shows the fix', async () => {
    const title = `${swedishTitle} (fixad)`;
    const saved = Date.now();
    await writeFile(file, retitled('(fixad)'));
    await until((t) => document.querySelector('h1')?.textContent === t && document.getElementById('problems').hidden, title);
    latency.fixed = Date.now() - saved;
    check(await page.isHidden('#problems'), 'the overlay is gone');
    log(`save to fixed page: ${latency.fixed} ms`);
    await screenshot('fixed');
  });

  await step('the ecosystem and findings pages render', async () => {
    await page.goto(url('/ecosystem'));
    check(await page.isVisible('h1'), 'ecosystem heading');
    await screenshot('ecosystem');
    await page.goto(url('/findings?severity=warning'));
    check((await page.getAttribute('html', 'lang')) === 'sv', 'the findings page in Swedish');
    await screenshot('findings', { fullPage: true });
  });

  await writeFile(file, original);
  check(problems.length === 0, `the browser reported problems:\n${problems.join('\n')}`);
  console.log(JSON.stringify({ steps, latency_ms: latency, screenshots: shot }));
  log('passed');
} catch (e) {
  if (page) await screenshot('failure').catch(() => {});
  console.error(e instanceof Failed ? `FAILED: ${e.message}` : e.stack);
  if (problems.length) console.error(`the browser also reported:\n${problems.join('\n')}`);
  process.exitCode = 1;
} finally {
  await context.close();
  await rm(profileDir, { recursive: true, force: true });
}
