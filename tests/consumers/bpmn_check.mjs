// Reads a BPMN 2.0 file with bpmn-moddle, the model library under bpmn.io and Camunda Modeler, and
// fails on any warning or error it reports (unknown elements or attributes, unresolved references,
// duplicate ids, malformed XML). On success prints a JSON summary of what it read on stdout, so
// the caller can compare the counts and names with what it exported.
//
//   node tests/consumers/bpmn_check.mjs FILE.bpmn
//
// Exit codes: 0 read cleanly, 1 warnings or errors (printed on stderr), 2 bad usage or unreadable
// file, 3 bpmn-moddle is not installed (npm install --prefix tests/consumers).

import { readFile } from 'node:fs/promises';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bpmn_check.mjs FILE.bpmn');
  process.exit(2);
}

let BpmnModdle;
try {
  ({ BpmnModdle } = await import('bpmn-moddle'));
} catch (e) {
  console.error(`bpmn-moddle is not installed: npm install --prefix tests/consumers (${e.message})`);
  process.exit(3);
}

let xml;
try {
  xml = await readFile(file, 'utf8');
} catch (e) {
  console.error(`cannot read ${file}: ${e.message}`);
  process.exit(2);
}

let result;
try {
  result = await new BpmnModdle().fromXML(xml);
} catch (e) {
  console.error(`error: ${e.message}`);
  for (const w of e.warnings || []) {
    console.error(`warning: ${w.message}`);
  }
  process.exit(1);
}

const { rootElement: definitions, warnings } = result;
if (warnings.length > 0) {
  for (const w of warnings) {
    console.error(`warning: ${w.message}`);
  }
  process.exit(1);
}

const problems = [];
const summary = {
  participants: [],
  lanes: [],
  tasks: [],
  startEvents: 0,
  endEvents: 0,
  sequenceFlows: [],
  associations: [],
  shapes: 0,
  edges: 0,
};
const drawn = new Set();

for (const root of definitions.rootElements || []) {
  if (root.$type === 'bpmn:Collaboration') {
    for (const p of root.participants || []) {
      summary.participants.push({ name: p.name ?? null, process: p.processRef?.id ?? null });
    }
  }
  if (root.$type !== 'bpmn:Process') continue;
  for (const set of root.laneSets || []) {
    for (const lane of set.lanes || []) {
      summary.lanes.push({
        id: lane.id,
        name: lane.name ?? null,
        flowNodes: (lane.flowNodeRef || []).map((n) => n.id),
      });
    }
  }
  for (const el of root.flowElements || []) {
    switch (el.$type) {
      case 'bpmn:Task':
        summary.tasks.push({
          id: el.id,
          name: el.name ?? null,
          documentation: (el.documentation || []).map((d) => d.text).join('\n'),
        });
        break;
      case 'bpmn:StartEvent':
        summary.startEvents += 1;
        break;
      case 'bpmn:EndEvent':
        summary.endEvents += 1;
        break;
      case 'bpmn:SequenceFlow':
        if (!el.sourceRef || !el.targetRef) problems.push(`${el.id}: source or target missing`);
        summary.sequenceFlows.push({
          id: el.id,
          name: el.name ?? null,
          documentation: (el.documentation || []).map((d) => d.text).join('\n') || null,
          source: el.sourceRef?.id ?? null,
          target: el.targetRef?.id ?? null,
        });
        break;
      default:
        problems.push(`unexpected flow element ${el.$type} ${el.id}`);
    }
  }
  for (const el of root.artifacts || []) {
    if (el.$type !== 'bpmn:Association') {
      problems.push(`unexpected artifact ${el.$type} ${el.id}`);
      continue;
    }
    summary.associations.push({
      id: el.id,
      source: el.sourceRef?.id ?? null,
      target: el.targetRef?.id ?? null,
      documentation: (el.documentation || []).map((d) => d.text).join('\n'),
    });
  }
}

// Diagram interchange: every shape and edge must point at an element and have usable geometry.
for (const diagram of definitions.diagrams || []) {
  for (const el of diagram.plane?.planeElement || []) {
    const target = el.bpmnElement;
    if (!target) {
      problems.push(`${el.id}: bpmnElement does not resolve`);
      continue;
    }
    drawn.add(target.id);
    if (el.$type === 'bpmndi:BPMNShape') {
      summary.shapes += 1;
      const b = el.bounds;
      if (!b || ![b.x, b.y, b.width, b.height].every(Number.isFinite) || b.width <= 0 || b.height <= 0) {
        problems.push(`${el.id}: bounds missing or not positive`);
      }
    } else if (el.$type === 'bpmndi:BPMNEdge') {
      summary.edges += 1;
      const points = el.waypoint || [];
      if (points.length < 2 || !points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))) {
        problems.push(`${el.id}: fewer than two waypoints`);
      }
    }
  }
}
const everything = [
  ...summary.lanes.map((l) => l.id),
  ...summary.tasks.map((t) => t.id),
  ...summary.sequenceFlows.map((f) => f.id),
  ...summary.associations.map((a) => a.id),
];
for (const id of everything) {
  if (!drawn.has(id)) problems.push(`${id}: not drawn (no BPMNShape or BPMNEdge)`);
}

if (problems.length > 0) {
  for (const p of problems) console.error(`problem: ${p}`);
  process.exit(1);
}
console.log(JSON.stringify(summary, null, 2));
