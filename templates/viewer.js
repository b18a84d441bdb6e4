// polku serve and polku build: the diagram viewer. A pathway diagram can be far wider than a
// screen, and a manager looks for one service or one finding in it, so the diagram is a map:
// zoom (wheel, pinch, keyboard, buttons), pan (drag, arrow keys, the minimap), search that
// centres a service, and `polkuViewer.show(keys)` for the findings list to bring its services
// into view at a readable size. Filters (sector, region, profile, finding) and the k-step focus
// on a service's neighbourhood dim every box and arrow that does not match and fit the view to
// what does. No library, nothing fetched: the SVG's viewBox is the whole state of the view, and
// the SVG's own data-* attributes are the data of the filters, so it works from file:// too.
//
// Markup (templates/viewer.html): `.viewer` holding `.viewer-tools` (buttons with
// data-zoom="in|out|fit|actual", an <input type=search> with an empty <datalist> filled here from
// the boxes' titles), `.viewer-filters` (selects with data-filter="sector|region|profile|finding"
// matched against the boxes' data-sector, data-region, data-profiles and the chosen option's
// data-services; data-focus="service|steps"; a data-filter="reset" button; an <output> in its
// summary for the count), `.svg-box` with the inline SVG, and an empty `.minimap`. Anything on the page with
// data-focus-key="KEY" (a service's details) focuses that service when clicked. Without
// JavaScript the box simply scrolls.
"use strict";

(function () {
  const viewer = document.querySelector(".viewer");
  if (!viewer) return;
  const box = viewer.querySelector(".svg-box");
  const svg = box && box.querySelector("svg");
  if (!svg) return;

  // The drawing's own size, in its user units (the SVG writer sets width, height and viewBox).
  const base = svg.viewBox.baseVal;
  let full = { x: base.x, y: base.y, w: base.width, h: base.height };
  if (!(full.w > 0 && full.h > 0)) return;
  // Where the page says the legend in HTML beside the drawing (and its title above it), the
  // drawing's own title and legend are left out: the viewer shows the lanes (`data-drawing`), so
  // they are larger in the same box.
  const drawing = (svg.dataset.drawing || "").split(" ").map(Number);
  if (viewer.querySelector(".viewer-legend") && drawing.length === 4 && drawing[2] > 0 && drawing[3] > 0) {
    full = { x: drawing[0], y: drawing[1], w: drawing[2], h: drawing[3] };
    viewer.classList.add("cropped");
  }

  // At this scale the boxes' labels are 10 CSS px, the least anyone reads (their font size is
  // the drawing's, 12 user units by default).
  const labelSize = Number(svg.querySelector(".node text")?.getAttribute("font-size")) || 12;
  const READABLE = 10 / labelSize;
  const MIN_SCALE = 0.05;
  const MAX_SCALE = 4;

  viewer.classList.add("live");
  // On a narrow screen the legend sits above the diagram: folded to its heading, so the diagram
  // is in view; one tap opens it.
  const legend = viewer.querySelector(".viewer-legend details");
  if (legend && window.matchMedia("(max-width: 60rem)").matches) legend.open = false;
  // So are the filters on a phone.
  const folded = viewer.querySelector("details.viewer-filters");
  if (folded && window.matchMedia("(max-width: 40rem)").matches) folded.open = false;
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");

  // The view: the part of the drawing shown, as a viewBox whose aspect is the box's.
  let view = { x: full.x, y: full.y, w: full.w, h: full.h };
  const size = () => ({ w: Math.max(box.clientWidth, 1), h: Math.max(box.clientHeight, 1) });
  const scale = () => size().w / view.w;

  function setView(x, y, s) {
    const { w, h } = size();
    s = Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));
    const vw = w / s;
    const vh = h / s;
    // A drawing smaller than the box is centred; a larger one is never panned past its edges.
    const place = (at, length, start, extent) => (length >= extent
      ? start - (length - extent) / 2
      : Math.min(start + extent - length, Math.max(start, at)));
    x = place(x, vw, full.x, full.w);
    y = place(y, vh, full.y, full.h);
    view = { x, y, w: vw, h: vh };
    svg.setAttribute("viewBox", `${x} ${y} ${vw} ${vh}`);
    viewer.dataset.scale = s.toFixed(3);
    drawMinimap();
    drawRail();
  }

  // Lane headers stay in view: when the drawing's own are panned out of the box, a rail at its
  // left repeats each lane's name beside its band (as a printed strip repeats them).
  const lanes = Array.from(svg.querySelectorAll("g.lane"), (g) => {
    const [band, head] = g.querySelectorAll("rect");
    const text = g.querySelector("text");
    return {
      y: band.y.baseVal.value,
      h: band.height.baseVal.value,
      right: head ? head.x.baseVal.value + head.width.baseVal.value : band.x.baseVal.value,
      name: text ? Array.from(text.querySelectorAll("tspan"), (t) => t.textContent).join(" ") : "",
    };
  });
  const rail = document.createElement("div");
  rail.className = "lane-rail";
  rail.setAttribute("aria-hidden", "true");
  rail.hidden = true;
  box.after(rail);
  function drawRail() {
    if (!lanes.length) return;
    const s = scale();
    // Hidden while half of the drawing's own headers still show.
    const shown = (Math.max(...lanes.map((l) => l.right)) - view.x) * s;
    if (shown > 48) {
      rail.hidden = true;
      return;
    }
    rail.hidden = false;
    rail.style.top = `${box.offsetTop}px`;
    rail.style.height = `${box.clientHeight}px`;
    rail.replaceChildren(...lanes.map((l) => {
      const d = document.createElement("div");
      d.textContent = l.name;
      d.style.top = `${(l.y - view.y) * s}px`;
      d.style.height = `${l.h * s}px`;
      return d;
    }));
  }

  // Zoom by `factor` keeping the drawing point under (px, py) of the box where it is.
  function zoomAt(factor, px, py) {
    const s = scale();
    const next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, s * factor));
    const ux = view.x + px / s;
    const uy = view.y + py / s;
    setView(ux - px / next, uy - py / next, next);
  }
  const zoomCentre = (factor) => zoomAt(factor, size().w / 2, size().h / 2);

  // Show the rectangle (user units) whole, centred, at no less than `least` scale (then centred on
  // it, cutting its edges) and no more than 1:1.
  const PAD = 24;
  // The scale at which the rectangle `r` fits the box whole, with a margin, at most 1:1.
  function fit(r) {
    const { w, h } = size();
    return Math.min((w - 2 * PAD) / r.w, (h - 2 * PAD) / r.h, 1);
  }
  function showRect(r, least) {
    const { w, h } = size();
    let s = fit(r);
    if (least !== undefined) s = Math.max(s, least);
    setView(r.x + r.w / 2 - w / s / 2, r.y + r.h / 2 - h / s / 2, s);
  }

  // First view: the whole drawing if its labels stay readable, else the boxes of the first
  // warning in the findings (what a manager should see first) at readable size, else the top
  // left; the box is as tall as the drawing at that scale, within the screen.
  function initial() {
    const w = Math.max(box.clientWidth, 1);
    const most = Math.max(window.innerHeight * 0.75, 240);
    // The same margin as showRect's, so "readable whole" here is readable once shown.
    let s = Math.min((w - 2 * PAD) / full.w, (most - 2 * PAD) / full.h, 1);
    const whole = s >= READABLE;
    if (!whole) s = Math.min(READABLE, 1);
    box.style.height = `${Math.round(Math.min(most, Math.max(full.h * s + 2 * PAD, 120)))}px`;
    if (whole) {
      showRect(full);
      return;
    }
    const warning = filters?.querySelector("select[data-filter=finding] option[data-warning]");
    const keys = (warning?.dataset.services || "").split(" ").filter(Boolean);
    const lit = nodes.filter((n) => keys.includes(n.dataset.key));
    if (!lit.length) {
      setView(full.x, full.y, s);
      return;
    }
    // All of them when they fit readable; else the one that carries the finding's badge.
    const all = union(lit.map(rectOf));
    const badged = (warning.dataset.marked || "").split(" ").filter(Boolean);
    const marked = lit.find((n) => badged.includes(n.dataset.key))
      || lit.find((n) => n.querySelector(".badge.problem")) || lit[0];
    reveal(fit(all) >= READABLE ? all : rectOf(marked), s);
  }

  // Show the rectangle `r` at scale `s`, with the drawing's left and top edges (the lane
  // headers) in view too when that still shows `r` whole.
  function reveal(r, s) {
    const { w, h } = size();
    const [vw, vh] = [w / s, h / s];
    const pad = PAD / s;
    let x = r.x + r.w / 2 - vw / 2;
    let y = r.y + r.h / 2 - vh / 2;
    if (r.x + r.w + pad <= full.x + vw) x = full.x - pad;
    if (r.y + r.h + pad <= full.y + vh) y = full.y - pad;
    setView(x, y, s);
  }

  // Nodes and their boxes in user units (the first rect of each node group).
  const nodes = Array.from(svg.querySelectorAll(".node[data-key]"));
  function rectOf(node) {
    const r = node.querySelector("rect");
    if (r) {
      return {
        x: r.x.baseVal.value, y: r.y.baseVal.value,
        w: r.width.baseVal.value, h: r.height.baseVal.value,
      };
    }
    const b = node.getBBox();
    return { x: b.x, y: b.y, w: b.width, h: b.height };
  }
  function union(rects) {
    const x0 = Math.min(...rects.map((r) => r.x));
    const y0 = Math.min(...rects.map((r) => r.y));
    const x1 = Math.max(...rects.map((r) => r.x + r.w));
    const y1 = Math.max(...rects.map((r) => r.y + r.h));
    return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  }

  // Bring the services `keys` into view, readable: the whole drawing when it is readable whole,
  // else all of them when they fit at a readable size, else centred on them.
  function show(keys) {
    const rects = nodes.filter((n) => keys.includes(n.dataset.key)).map(rectOf);
    if (!rects.length) return;
    if (fit(full) >= READABLE) showRect(full);
    else showRect(union(rects), READABLE);
  }

  // Buttons.
  for (const button of viewer.querySelectorAll("[data-zoom]")) {
    button.addEventListener("click", () => {
      const what = button.dataset.zoom;
      if (what === "in") zoomCentre(1.25);
      else if (what === "out") zoomCentre(0.8);
      else if (what === "fit") showRect(full);
      else if (what === "actual") setView(view.x, view.y, 1);
    });
  }

  // Keyboard, while the diagram box has the focus.
  box.addEventListener("keydown", (e) => {
    if (e.target !== box) return;
    const step = 60 / scale();
    const keys = {
      "+": () => zoomCentre(1.25), "=": () => zoomCentre(1.25), "-": () => zoomCentre(0.8),
      "0": () => showRect(full), "1": () => setView(view.x, view.y, 1),
      ArrowLeft: () => setView(view.x - step, view.y, scale()),
      ArrowRight: () => setView(view.x + step, view.y, scale()),
      ArrowUp: () => setView(view.x, view.y - step, scale()),
      ArrowDown: () => setView(view.x, view.y + step, scale()),
    };
    const act = keys[e.key];
    if (act) { e.preventDefault(); act(); }
  });

  // Wheel zooms around the pointer (a trackpad pinch arrives as a wheel with ctrlKey).
  box.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = box.getBoundingClientRect();
    const amount = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    zoomAt(Math.exp(-amount * (e.ctrlKey ? 0.01 : 0.002)), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });

  // Drag pans; two fingers pinch. A press that does not move stays a click on a service.
  const pointers = new Map();
  let pinch = null;
  let moved = false;
  box.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    moved = false;
    if (pointers.size === 2) {
      const [a, b] = Array.from(pointers.values());
      pinch = { d: Math.hypot(a.x - b.x, a.y - b.y) || 1 };
    }
  });
  box.addEventListener("pointermove", (e) => {
    const last = pointers.get(e.pointerId);
    if (!last) return;
    const dx = e.clientX - last.x;
    const dy = e.clientY - last.y;
    if (!moved && Math.hypot(dx, dy) < 4) return;
    if (!moved) { moved = true; box.setPointerCapture(e.pointerId); }
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.size === 2 && pinch) {
      const [a, b] = Array.from(pointers.values());
      const d = Math.hypot(a.x - b.x, a.y - b.y) || 1;
      const r = box.getBoundingClientRect();
      zoomAt(d / pinch.d, (a.x + b.x) / 2 - r.left, (a.y + b.y) / 2 - r.top);
      pinch.d = d;
    } else if (pointers.size === 1) {
      const s = scale();
      setView(view.x - dx / s, view.y - dy / s, s);
    }
  });
  const release = (e) => {
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = null;
  };
  box.addEventListener("pointerup", release);
  box.addEventListener("pointercancel", release);
  // After a drag, the click that ends it is not a choice of service.
  box.addEventListener("click", (e) => {
    if (moved) { e.stopPropagation(); e.preventDefault(); moved = false; }
  }, true);

  // Search: a service's name (from the datalist) centres it and opens its details.
  const search = viewer.querySelector("input[type=search]");
  const names = viewer.querySelector("datalist");
  if (names) {
    const seen = new Set();
    for (const n of nodes) {
      const name = n.querySelector("title")?.textContent || "";
      if (!name || seen.has(name)) continue;
      seen.add(name);
      const option = document.createElement("option");
      option.value = name;
      names.appendChild(option);
    }
  }
  if (search) {
    const find = () => {
      const q = search.value.trim().toLowerCase();
      if (!q) return;
      const name = (n) => (n.querySelector("title")?.textContent || "").toLowerCase();
      const hit = nodes.find((n) => name(n) === q || n.dataset.key === q)
        || nodes.find((n) => name(n).includes(q));
      search.setCustomValidity(hit ? "" : search.dataset.none || "?");
      search.reportValidity();
      if (!hit) return;
      show([hit.dataset.key]);
      hit.dispatchEvent(new CustomEvent("polku:choose", { bubbles: true }));
    };
    search.addEventListener("change", find);
    search.addEventListener("keydown", (e) => {
      if (e.key === "Enter") { e.preventDefault(); find(); }
    });
    search.addEventListener("input", () => search.setCustomValidity(""));
  }

  // Filters and focus: a box is lit when it matches every choice made; an arrow when both its
  // boxes are lit (or, around a single lit box, when it touches it). The rest is dimmed (.off).
  const filters = viewer.querySelector(".viewer-filters");
  const keyOf = (n) => n.dataset.key;
  const arrows = Array.from(svg.querySelectorAll(".edge[data-from]"));
  // Handoffs both ways, for the k-step focus; a missing collaboration is not one.
  const next = new Map(nodes.map((n) => [keyOf(n), new Set()]));
  for (const a of arrows) {
    if (a.classList.contains("missing")) continue;
    const { from, to } = a.dataset;
    if (from === to || !next.has(from) || !next.has(to)) continue;
    next.get(from).add(to);
    next.get(to).add(from);
  }
  // The services within `steps` handoffs of `key`, itself included.
  function around(key, steps) {
    const seen = new Set([key]);
    let edge = [key];
    for (let i = 0; i < steps && edge.length; i += 1) {
      const further = [];
      for (const k of edge) {
        for (const m of next.get(k) || []) if (!seen.has(m)) { seen.add(m); further.push(m); }
      }
      edge = further;
    }
    return seen;
  }
  const words = (text) => (text || "").split(/\s+/).filter(Boolean);
  function chosen() {
    const sets = [];
    if (!filters) return sets;
    for (const select of filters.querySelectorAll("select[data-filter]")) {
      const value = select.value;
      if (!value) continue;
      const kind = select.dataset.filter;
      let keys;
      if (kind === "finding") keys = words(select.selectedOptions[0]?.dataset.services);
      else if (kind === "profile") keys = nodes.filter((n) => words(n.dataset.profiles).includes(value)).map(keyOf);
      else keys = nodes.filter((n) => n.dataset[kind] === value).map(keyOf);
      sets.push(new Set(keys));
    }
    const service = filters.querySelector("select[data-focus=service]");
    const steps = filters.querySelector("select[data-focus=steps]");
    if (service && service.value) sets.push(around(service.value, Number(steps?.value) || 1));
    return sets;
  }
  function applyFilters() {
    const sets = chosen();
    const on = sets.length > 0;
    const lit = new Set(nodes.map(keyOf).filter((k) => sets.every((s) => s.has(k))));
    for (const n of nodes) n.classList.toggle("off", on && !lit.has(keyOf(n)));
    const one = lit.size === 1;
    for (const a of arrows) {
      const { from, to } = a.dataset;
      const shown = one ? lit.has(from) || lit.has(to) : lit.has(from) && lit.has(to);
      a.classList.toggle("off", on && !shown);
    }
    viewer.classList.toggle("filtered", on);
    viewer.dataset.lit = on ? String(lit.size) : "";
    const status = filters.querySelector(".viewer-status");
    if (status) status.textContent = on ? `${status.dataset.label}: ${lit.size} / ${nodes.length}` : "";
    if (!on) showRect(full);
    else if (lit.size) fitTo(nodes.filter((n) => lit.has(keyOf(n))), focused());
  }
  const focused = () => filters?.querySelector("select[data-focus=service]")?.value || "";
  // The lit boxes whole when they fit at a readable size; else the focused service (or the lit
  // boxes' middle) centred at a readable size, the rest a pan away.
  function fitTo(lit, centre) {
    const all = union(lit.map(rectOf));
    const { w, h } = size();
    if (fit(all) >= READABLE) { showRect(all); return; }
    const one = centre && nodes.find((n) => keyOf(n) === centre);
    const r = one ? rectOf(one) : all;
    const s = Math.min(READABLE, 1);
    setView(r.x + r.w / 2 - w / s / 2, r.y + r.h / 2 - h / s / 2, s);
  }
  function resetFilters() {
    if (!filters) return;
    for (const select of filters.querySelectorAll("select")) select.selectedIndex = 0;
    applyFilters();
  }
  // Focus on a service (its details' button, or the toolbar's choice).
  function focusOn(key, steps) {
    const service = filters && filters.querySelector("select[data-focus=service]");
    if (!service || !next.has(key)) return;
    service.value = key;
    const k = filters.querySelector("select[data-focus=steps]");
    if (k && steps) k.value = String(steps);
    applyFilters();
  }
  if (filters) {
    for (const select of filters.querySelectorAll("select")) select.addEventListener("change", applyFilters);
    filters.querySelector("[data-filter=reset]")?.addEventListener("click", resetFilters);
  }
  document.addEventListener("click", (e) => {
    const button = e.target.closest && e.target.closest("[data-focus-key]");
    if (!button) return;
    focusOn(button.dataset.focusKey);
    box.scrollIntoView({ block: "nearest" });
  });

  // Minimap: the whole drawing small, with the view as a rectangle; press or drag to move.
  const minimap = viewer.querySelector(".minimap");
  let frame = null;
  if (minimap) {
    const copy = svg.cloneNode(true);
    for (const e of copy.querySelectorAll("[id]")) e.removeAttribute("id");
    for (const e of copy.querySelectorAll("[tabindex]")) e.removeAttribute("tabindex");
    for (const e of copy.querySelectorAll("title, desc")) e.remove();
    copy.removeAttribute("role");
    copy.removeAttribute("aria-label");
    copy.setAttribute("aria-hidden", "true");
    copy.setAttribute("focusable", "false");
    copy.setAttribute("viewBox", `${full.x} ${full.y} ${full.w} ${full.h}`);
    // The markers of the copy still point at the page's own (ids are unique per page).
    frame = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    frame.setAttribute("class", "minimap-view");
    frame.setAttribute("vector-effect", "non-scaling-stroke");
    copy.appendChild(frame);
    minimap.appendChild(copy);
    const moveTo = (e) => {
      const r = copy.getBoundingClientRect();
      const k = Math.min(r.width / full.w, r.height / full.h);
      const ox = (r.width - full.w * k) / 2;
      const oy = (r.height - full.h * k) / 2;
      const ux = full.x + (e.clientX - r.left - ox) / k;
      const uy = full.y + (e.clientY - r.top - oy) / k;
      setView(ux - view.w / 2, uy - view.h / 2, scale());
    };
    let dragging = false;
    minimap.addEventListener("pointerdown", (e) => {
      dragging = true;
      minimap.setPointerCapture(e.pointerId);
      moveTo(e);
    });
    minimap.addEventListener("pointermove", (e) => { if (dragging) moveTo(e); });
    minimap.addEventListener("pointerup", () => { dragging = false; });
  }
  function drawMinimap() {
    if (!frame) return;
    frame.setAttribute("x", view.x);
    frame.setAttribute("y", view.y);
    frame.setAttribute("width", view.w);
    frame.setAttribute("height", view.h);
    // The minimap is only worth its place when part of the drawing is out of view.
    const all = view.x <= full.x + 1 && view.y <= full.y + 1
      && view.x + view.w >= full.x + full.w - 1 && view.y + view.h >= full.y + full.h - 1;
    minimap.hidden = all;
  }

  let width = box.clientWidth;
  new ResizeObserver(() => {
    if (Math.abs(box.clientWidth - width) < 2) return;
    width = box.clientWidth;
    initial();
  }).observe(box);

  box.tabIndex = 0;
  initial();
  window.polkuViewer = {
    show, fit: () => showRect(full), zoom: zoomCentre, focus: focusOn, reset: resetFilters,
  };
})();
