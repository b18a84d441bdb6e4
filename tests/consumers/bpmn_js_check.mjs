// bpmn-js, the viewer BPMN users open our exports in, in Debian's Chromium (playwright-core):
// each BPMN file given is imported, fitted to a 1600×1000 viewport and photographed, and what a
// reader would object to is measured on what bpmn-js drew:
//   - import warnings (an element bpmn-js does not understand);
//   - flow nodes (tasks, events) that overlap one another;
//   - labels struck through by a flow (a waypoint segment crossing a label's box) or lying on
//     a flow node other than their own;
//   - lane and pool titles longer than their header (the title runs into the next one);
//   - flow nodes that carry a colour from the colour extension bpmn-js reads.
// Prints one JSON report on stdout, one entry per file. Exits 3 when bpmn-js, playwright-core
// or the browser is missing (the Rust test then skips, or fails in CI), 1 on any other failure.
//
//   node tests/consumers/bpmn_js_check.mjs SCREENSHOT_DIR FILE.bpmn...
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let chromium, viewerSource, css;
try {
  ({ chromium } = await import('playwright-core'));
  const dist = join(require.resolve('bpmn-js/package.json'), '..', 'dist');
  viewerSource = readFileSync(join(dist, 'bpmn-viewer.production.min.js'), 'utf8');
  css = ['diagram-js.css', 'bpmn-js.css']
    .map((f) => readFileSync(join(dist, 'assets', f), 'utf8'))
    .join('\n');
} catch (e) {
  console.error(`playwright-core or bpmn-js is missing: ${e.message}`);
  process.exit(3);
}
const [shots, ...files] = process.argv.slice(2);
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

/// Runs in the page: imports the XML and measures what bpmn-js drew.
async function measure(xml) {
  // eslint-disable-next-line no-undef
  const viewer = new BpmnJS({ container: '#canvas' });
  const { warnings } = await viewer.importXML(xml);
  const canvas = viewer.get('canvas');
  canvas.zoom('fit-viewport', 'auto');
  const registry = viewer.get('elementRegistry');
  const all = registry.getAll();
  const isNode = (e) => /^bpmn:(Task|StartEvent|EndEvent|IntermediateThrowEvent|Gateway)$/.test(e.type);
  const nodes = all.filter((e) => isNode(e) && !e.labelTarget);
  const labels = all.filter((e) => e.type === 'label' && e.businessObject && e.businessObject.name);
  const connections = all.filter((e) => e.waypoints);
  const overlap = (a, b) =>
    Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 &&
    Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5;
  const overlapping = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      if (overlap(nodes[i], nodes[j])) overlapping.push([nodes[i].id, nodes[j].id]);
    }
  }
  // Does the segment p–q pass through the rectangle r (shrunk by a pixel)?
  const crosses = (p, q, r) => {
    const x0 = r.x + 1, x1 = r.x + r.width - 1, y0 = r.y + 1, y1 = r.y + r.height - 1;
    let t0 = 0, t1 = 1;
    const dx = q.x - p.x, dy = q.y - p.y;
    for (const [pp, qq] of [[-dx, p.x - x0], [dx, x1 - p.x], [-dy, p.y - y0], [dy, y1 - p.y]]) {
      if (pp === 0) {
        if (qq < 0) return false;
      } else {
        const t = qq / pp;
        if (pp < 0) { if (t > t1) return false; if (t > t0) t0 = t; }
        else { if (t < t0) return false; if (t < t1) t1 = t; }
      }
    }
    return t0 < t1;
  };
  const struck = [];
  const onNodes = [];
  for (const label of labels) {
    // The label's drawn text, not its nominal box: what the eye reads.
    const text = registry.getGraphics(label).querySelector('text');
    const b = text ? text.getBBox() : { x: 0, y: 0, width: label.width, height: label.height };
    const box = { x: label.x + b.x, y: label.y + b.y, width: b.width, height: b.height };
    for (const c of connections) {
      for (let k = 0; k + 1 < c.waypoints.length; k++) {
        if (crosses(c.waypoints[k], c.waypoints[k + 1], box)) {
          struck.push({ label: label.businessObject.name, flow: c.id });
          break;
        }
      }
    }
    for (const n of nodes) {
      if (n !== label.labelTarget && overlap(box, n)) {
        onNodes.push({ label: label.businessObject.name, node: n.id });
      }
    }
  }
  // Lane and pool titles are drawn turned a quarter: their length must fit the height.
  const titles = [];
  for (const e of all.filter((e) => e.type === 'bpmn:Lane' || e.type === 'bpmn:Participant')) {
    const text = registry.getGraphics(e).querySelector('text');
    if (!text) continue;
    // Unturned, the text's width runs along the lane's height and its lines across the 30 px
    // header; more lines than the header holds spill into the pool's header beside it.
    const b = text.getBBox();
    const lines = text.querySelectorAll('tspan').length;
    titles.push({
      id: e.id, name: e.businessObject.name || '', length: b.width, depth: b.height, lines,
      room: e.height, fits: b.width <= e.height - 2 && b.height <= 30,
    });
  }
  const coloured = nodes.filter((n) => {
    const di = n.di;
    return di && (di.get('color:background-color') || di.get('bioc:fill'));
  }).map((n) => n.id);
  return {
    warnings: warnings.map((w) => w.message),
    nodes: nodes.length,
    starts: nodes.filter((n) => n.type === 'bpmn:StartEvent').length,
    ends: nodes.filter((n) => n.type === 'bpmn:EndEvent').length,
    overlapping,
    struck,
    onNodes,
    titles,
    coloured,
  };
}

const report = [];
try {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  for (const file of files) {
    const page = await context.newPage();
    await page.setContent(`<!doctype html><html><head><style>${css}
      html, body, #canvas { margin: 0; width: 100%; height: 100%; background: #fff; }</style></head>
      <body><div id="canvas"></div></body></html>`);
    await page.addScriptTag({ content: viewerSource });
    const result = await page.evaluate(measure, readFileSync(file, 'utf8'));
    const shot = join(shots, basename(file).replace(/\.bpmn$/, '') + '.png');
    await page.screenshot({ path: shot });
    report.push({ file, shot, ...result });
    await page.close();
  }
} catch (e) {
  console.error(e.stack || String(e));
  await browser.close();
  process.exit(1);
}
await browser.close();
console.log(JSON.stringify(report, null, 1));
