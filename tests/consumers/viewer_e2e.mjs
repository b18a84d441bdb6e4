// The diagram viewer's filters and k-step focus in a real headless Chromium (playwright-core), on
// a pathway page of `polku serve` and on the same page of a site `polku build` wrote, opened from
// file:// and from a plain static web server. Every expectation is computed from the SVG's own
// data (data-sector, data-profiles, data-from/data-to) and the choice's data-services, never
// from the script under test.
//
//   node tests/consumers/viewer_e2e.mjs SERVE_URL SITE_DIR SCREENSHOT_DIR [PATHWAY,PATHWAY…]
//
// SERVE_URL is a running `polku serve`; SITE_DIR a site built from the same workspace. The
// pathways (default: hango-svensk-servicekedja, which has findings, and the larger
// keski-uusimaa-nuorten-paihdepolku) are each checked; at least one must have a finding. Prints one
// JSON line on stdout: per page, what each filter left lit, and the screenshots taken.
// Exit codes: 0 passed, 1 a check failed (said on stderr), 2 bad usage, 3 playwright-core or
// Chromium is not installed.

import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const [base, siteDir, shots, list = 'hango-svensk-servicekedja,keski-uusimaa-nuorten-paihdepolku'] =
  process.argv.slice(2);
const pathways = list.split(',').filter(Boolean);
if (!base || !siteDir || !shots) {
  console.error('usage: node viewer_e2e.mjs SERVE_URL SITE_DIR SCREENSHOT_DIR [PATHWAY,PATHWAY…]');
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

class Failed extends Error {}
function check(ok, what) {
  if (!ok) throw new Failed(what);
}
const started = Date.now();
const log = (m) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${m}`);
const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

// The built site over HTTP, as any static web server gives it: files only, no polku.
const root = resolve(siteDir);
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml' };
const server = createServer(async (req, res) => {
  const path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  if (!path.startsWith(root)) { res.writeHead(403).end(); return; }
  try {
    const body = await readFile(path);
    res.writeHead(200, { 'content-type': types[extname(path)] || 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const staticBase = `http://127.0.0.1:${server.address().port}/`;

await mkdir(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
const report = { pages: [], screenshots: [] };

// What the SVG itself says: every box with its facets, every arrow with its ends.
const svgData = (page) => page.evaluate(() => {
  const svg = document.querySelector('#diagram svg');
  return {
    nodes: [...svg.querySelectorAll('.node[data-key]')].map((n) => ({
      key: n.dataset.key,
      name: n.querySelector('title')?.textContent || '',
      sector: n.dataset.sector || '',
      region: n.dataset.region || '',
      profiles: (n.dataset.profiles || '').split(/\s+/).filter(Boolean),
    })),
    edges: [...svg.querySelectorAll('.edge[data-from]')].map((e) => ({
      from: e.dataset.from, to: e.dataset.to, missing: e.classList.contains('missing'),
    })),
  };
});
const litKeys = (page) => page.$$eval('#diagram svg .node[data-key]:not(.off)', (ns) => ns.map((n) => n.dataset.key));
const offCount = (page) => page.$$eval('#diagram svg .off', (es) => es.length);
// Arrows lit exactly when both their boxes are (or, around one lit box, when they touch it).
const arrowsAgree = (page) => page.evaluate(() => {
  const lit = new Set([...document.querySelectorAll('#diagram svg .node[data-key]:not(.off)')].map((n) => n.dataset.key));
  return [...document.querySelectorAll('#diagram svg .edge[data-from]')].every((e) => {
    const { from, to } = e.dataset;
    const shown = lit.size === 1 ? lit.has(from) || lit.has(to) : lit.has(from) && lit.has(to);
    return shown === !e.classList.contains('off');
  });
});
// The view was fitted: every lit box lies inside the diagram's box, or, when they do not all fit
// at a readable size, labels are at least 10 CSS px and `centre` (or some lit box) is in view.
const fitted = (page, centre) => page.evaluate((centre) => {
  const box = document.querySelector('#diagram').getBoundingClientRect();
  const inside = (n) => {
    const r = n.querySelector('rect').getBoundingClientRect();
    return r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  };
  const lit = [...document.querySelectorAll('#diagram svg .node[data-key]:not(.off)')];
  if (lit.every(inside)) return true;
  const node = lit[0];
  const px = Number(node.querySelector('text')?.getAttribute('font-size') || 0) * node.ownerSVGElement.getScreenCTM().a;
  const middle = centre ? lit.filter((n) => n.dataset.key === centre) : lit;
  return px >= 10 - 0.01 && middle.some(inside);
}, centre);
const wholeShown = (page) => page.$eval('#diagram svg', (svg) => {
  const v = svg.viewBox.baseVal;
  const b = svg.getBBox();
  return v.width >= b.width - 1 && v.height >= b.height - 1;
});
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function shoot(page, name) {
  const path = join(shots, `${name}.png`);
  // The viewer at the top of the screen, as a reader who scrolled to it sees it.
  await page.$eval('.viewer', (v) => v.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path });
  report.screenshots.push(path);
}

async function choose(page, kind, value) {
  await page.selectOption(`.viewer-filters select[data-filter=${kind}]`, value);
}
async function reset(page) {
  await page.click('.viewer-filters [data-filter=reset]');
  check((await offCount(page)) === 0, 'show all: nothing is dimmed');
  check(await page.$$eval('.viewer-filters select', (ss) => ss.every((s) => s.selectedIndex === 0)), 'show all: every choice back to its first');
  check(await wholeShown(page), 'show all: the whole diagram is in view');
  check((await page.textContent('.viewer-status')).trim() === '', 'show all: no count');
}

/** The filters and focus on one page; `where` names it in messages and screenshot names. */
async function exercise(page, where, { serve }) {
  await page.waitForSelector('.viewer.live');
  check(await page.isVisible('.viewer-filters summary'), `${where}: the filters show`);
  // On a phone they are folded under their heading until tapped.
  const open = await page.$eval('.viewer-filters', (d) => d.open);
  check(open === (page.viewportSize().width > 640), `${where}: the filters open ${open} at ${page.viewportSize().width} px`);
  if (!open) await page.click('.viewer-filters summary');
  const data = await svgData(page);
  const all = data.nodes.map((n) => n.key);
  check(all.length > 3, `${where}: the diagram has services (${all.length})`);
  const result = { where, services: all.length };

  // Sector: the first sector offered; the boxes that say it, no others.
  const sectors = await page.$$eval('select[data-filter=sector] option', (os) => os.map((o) => o.value).filter(Boolean));
  check(sectors.length > 1, `${where}: more than one sector to choose (${sectors})`);
  // The sector with the most boxes, so the filter leaves a picture to look at.
  const count = (v) => data.nodes.filter((n) => n.sector === v).length;
  const sector = [...sectors].sort((a, b) => count(b) - count(a))[0];
  await choose(page, 'sector', sector);
  const bySector = data.nodes.filter((n) => n.sector === sector).map((n) => n.key);
  const litSector = await litKeys(page);
  check(bySector.length > 0 && same(litSector, bySector), `${where}: sector ${sector} leaves ${litSector}, the SVG says ${bySector}`);
  check(litSector.length < all.length, `${where}: the sector filter dims something`);
  check(await arrowsAgree(page), `${where}: the sector's arrows are lit, the rest dimmed`);
  check(await fitted(page), `${where}: the view fits the sector's boxes`);
  const status = (await page.textContent('.viewer-status')).trim();
  check(status.includes(`${bySector.length} / ${all.length}`), `${where}: the count says "${status}"`);
  result.sector = { value: sector, lit: litSector.length };
  await shoot(page, `${where}-sector-${page.viewportSize().width}`);
  await reset(page);

  // The same with the keyboard: the select takes the focus and an arrow key moves the choice.
  await page.focus('select[data-filter=sector]');
  await page.keyboard.press('ArrowDown');
  const first = sectors[0];
  check((await page.inputValue('select[data-filter=sector]')) === first, `${where}: ArrowDown chooses ${first}`);
  const byFirst = data.nodes.filter((n) => n.sector === first).map((n) => n.key);
  check(same(await litKeys(page), byFirst), `${where}: chosen with the keyboard, the sector filters`);
  await page.focus('.viewer-filters [data-filter=reset]');
  await page.keyboard.press('Enter');
  check((await offCount(page)) === 0, `${where}: Enter on "show all" resets`);

  // Profile: the boxes whose data-profiles name it.
  const profiles = await page.$$eval('select[data-filter=profile] option', (os) => os.map((o) => o.value).filter(Boolean));
  check(profiles.length > 0, `${where}: a profile to choose`);
  const profile = profiles[0];
  await choose(page, 'profile', profile);
  const byProfile = data.nodes.filter((n) => n.profiles.includes(profile)).map((n) => n.key);
  const litProfile = await litKeys(page);
  check(byProfile.length > 0 && same(litProfile, byProfile), `${where}: profile ${profile} leaves ${litProfile}, the SVG says ${byProfile}`);
  check(await arrowsAgree(page), `${where}: the profile's arrows are lit`);
  result.profile = { value: profile, lit: litProfile.length };
  await reset(page);

  // Finding: its services (the choice's data-services, the same as the findings list's).
  // On the server's page, one that the findings list beside the diagram also shows.
  const finding = await page.$$eval('select[data-filter=finding] option[data-services]', (os, serve) => os
    .filter((o) => !serve || document.getElementById(`finding-${o.value}`))
    .map((o) => ({ value: o.value, services: o.dataset.services.split(/\s+/).filter(Boolean), label: o.textContent }))[0], serve);
  if (finding) {
  if (serve) {
    const listed = await page.getAttribute(`#finding-${finding.value} button.highlight`, 'data-services');
    const inDiagram = listed.split(/\s+/).filter((k) => all.includes(k));
    check(same(inDiagram, finding.services), `${where}: the finding choice's services ${finding.services} = the list's ${inDiagram}`);
  }
  await choose(page, 'finding', finding.value);
  const litFinding = await litKeys(page);
  check(finding.services.length > 0 && same(litFinding, finding.services), `${where}: finding ${finding.label} leaves ${litFinding}, it names ${finding.services}`);
  check(await arrowsAgree(page), `${where}: the finding's arrows are lit`);
  result.finding = { value: finding.label.split(' ')[0], lit: litFinding.length };
  await reset(page);
  }

  // Focus, k = 1, on the service with the most direct neighbours (by the arrows' own ends) of
  // those whose neighbourhood is not the whole diagram.
  const neighbours = new Map(all.map((k) => [k, new Set()]));
  for (const e of data.edges) {
    if (e.missing || e.from === e.to || !neighbours.has(e.from) || !neighbours.has(e.to)) continue;
    neighbours.get(e.from).add(e.to);
    neighbours.get(e.to).add(e.from);
  }
  const ranked = [...neighbours.entries()].sort((a, b) => b[1].size - a[1].size);
  const [centre] = ranked.find(([, n]) => n.size > 0 && n.size + 1 < all.length) || ranked[0];
  // Chosen by the name the box shows (the option's words are the box's own).
  const named = await page.$eval(`select[data-focus=service] option[value="${centre}"]`, (o) => o.textContent);
  const shown = await page.$eval(`#diagram .node[data-key="${centre}"]`, (n) => n.textContent.replace(/\s+/g, ' '));
  check(named.split(' ').every((w) => shown.includes(w)), `${where}: the focus choice "${named}" is what the box says: ${shown}`);
  const expected = [centre, ...neighbours.get(centre)];
  await page.selectOption('select[data-focus=steps]', '1');
  await page.selectOption('select[data-focus=service]', { label: named });
  const litFocus = await litKeys(page);
  check(same(litFocus, expected), `${where}: focus k=1 on "${named}" leaves ${litFocus}, its neighbours are ${expected}`);
  check(litFocus.length < all.length, `${where}: the focus dims something`);
  check(await arrowsAgree(page), `${where}: the focus's arrows are lit`);
  check(await fitted(page, centre), `${where}: the view fits the neighbourhood`);
  result.focus = { service: centre, k1: litFocus.length };
  await shoot(page, `${where}-focus-${page.viewportSize().width}`);
  // k = 2 reaches at least as far.
  await page.selectOption('select[data-focus=steps]', '2');
  const litTwo = await litKeys(page);
  check(expected.every((k) => litTwo.includes(k)) && litTwo.length >= litFocus.length, `${where}: k=2 holds k=1`);
  result.focus.k2 = litTwo.length;
  await reset(page);

  if (serve) {
    // From a service's details: its button focuses that service.
    await page.click(`#diagram .node[data-key="${centre}"]`);
    await page.waitForSelector(`.service-detail.open#service-${centre}`);
    await page.selectOption('select[data-focus=steps]', '1');
    await page.click(`#service-${centre} [data-focus-key]`);
    check(same(await litKeys(page), expected), `${where}: the details' button focuses ${centre}`);
    check((await page.inputValue('select[data-focus=service]')) === centre, `${where}: the toolbar shows the focused service`);
    await reset(page);
  }

  // Panned right, past the drawing's own lane headers at 1:1, the rail names every lane.
  await page.click('[data-zoom=actual]');
  await page.focus('#diagram');
  for (let i = 0; i < 40; i += 1) await page.keyboard.press('ArrowRight');
  const headersGone = await page.evaluate(() => {
    const box = document.querySelector('#diagram').getBoundingClientRect();
    return [...document.querySelectorAll('#diagram g.lane rect:nth-of-type(2)')]
      .every((r) => r.getBoundingClientRect().right < box.left + 48);
  });
  if (headersGone) {
    const names = await page.$$eval('#diagram g.lane text', (ts) => ts.map((t) =>
      [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ')));
    const rail = await page.$$eval('.lane-rail:not([hidden]) > div', (ds) => ds.map((d) => d.textContent));
    check(same(rail, names), `${where}: panned right, the rail names the lanes ${names}, shows ${rail}`);
    result.rail = rail.length;
  }
  await page.click('[data-zoom=fit]');
  return result;
}

try {
  const pages = pathways.flatMap((id) => [
    { where: `serve-${id}`, url: new URL(`/pathways/${id}`, base).href, serve: true },
    { where: `site-file-${id}`, url: `file://${join(root, `pathway-${id}.html`)}`, serve: false },
    { where: `site-http-${id}`, url: `${staticBase}pathway-${id}.html`, serve: false },
  ]);
  for (const [width, height] of [[1440, 1000], [390, 844]]) {
    for (const p of pages) {
      // The site over HTTP once is enough at the phone width.
      if (width < 1000 && p.where.startsWith('site-http')) continue;
      const context = await browser.newContext({ viewport: { width, height }, locale: 'fi-FI' });
      const page = await context.newPage();
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error on ${p.where}: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`page error on ${p.where}: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed on ${p.where}: ${r.url()}`));
      log(`${p.where} at ${width} px`);
      await page.goto(p.url, { waitUntil: 'load' });
      const wide = await sideways(page);
      check(wide <= 1, `${p.where} at ${width} px scrolls sideways by ${wide} px`);
      const result = await exercise(page, `${p.where}`, p);
      result.width = width;
      check((await sideways(page)) <= 1, `${p.where} at ${width} px scrolls sideways after filtering`);
      report.pages.push(result);
      await context.close();
    }
  }
  for (const kind of ['serve', 'site-file', 'site-http']) {
    check(report.pages.some((r) => r.where.startsWith(kind) && r.finding), `a finding was filtered by on ${kind}`);
  }

  // Without JavaScript the built page still shows the diagram, in a box that scrolls.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(pages.find((p) => p.where.startsWith('site-file')).url);
  check(await page.isVisible('#diagram svg'), 'without JavaScript the diagram shows');
  check(await page.isHidden('.viewer-filters'), 'without JavaScript the filters stay hidden');
  const scrolls = await page.$eval('#diagram', (b) => getComputedStyle(b).overflow === 'auto' && b.scrollWidth > b.clientWidth);
  check(scrolls, 'without JavaScript the diagram box scrolls');
  check((await sideways(page)) <= 1, 'without JavaScript the page does not scroll sideways');
  await shoot(page, 'site-file-no-script-390');
  report.no_script = 'ok';
  await context.close();

  check(problems.length === 0, `the browser reported problems:\n${problems.join('\n')}`);
  console.log(JSON.stringify(report));
  log('passed');
} catch (e) {
  console.error(e instanceof Failed ? `FAILED: ${e.message}` : e.stack);
  if (problems.length) console.error(`the browser also reported:\n${problems.join('\n')}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
