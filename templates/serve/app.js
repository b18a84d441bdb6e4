// polku serve: the little the pages need beyond HTML — live reload with the error overlay,
// toolbar choices applied at once, findings highlighted in the diagram, a service's details.
// Zoom, pan and search are the viewer's (viewer.js).
// Everything also works without it, except live reload.
"use strict";

(function () {
  const body = document.body;
  // The version of the workspace this page shows: the server's run and its reload number.
  const version = body.dataset.version || "";

  // Live reload: the server sends `reload` when a new version is served and `problems` when the
  // newest files have errors (the page keeps showing the last good version).
  const overlay = document.getElementById("problems");
  const overlayText = document.getElementById("problems-text");
  const dismiss = document.getElementById("problems-dismiss");
  // The overlay is a dialog: shown, it takes the focus (and Escape or its button hides it, giving
  // the focus back); the page under it stays as it was.
  let focusBefore = null;
  function showProblems(text) {
    if (text !== undefined) overlayText.textContent = text;
    if (overlay.hidden) focusBefore = document.activeElement;
    overlay.hidden = false;
    dismiss.focus();
  }
  function hideProblems() {
    overlay.hidden = true;
    if (focusBefore && focusBefore.focus) focusBefore.focus();
  }
  dismiss.addEventListener("click", hideProblems);
  overlay.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hideProblems();
    // Keep Tab inside the dialog: its button is the one thing to reach.
    if (e.key === "Tab") { e.preventDefault(); dismiss.focus(); }
  });
  if (!overlay.hidden) showProblems();
  // One stream per visible tab: a browser opens only a few connections per server over
  // HTTP/1.1, so hidden tabs let theirs go and catch up (reload if behind) when shown again.
  let events = null;
  function listen() {
    if (!window.EventSource || events) return;
    events = new EventSource("/events");
    events.addEventListener("reload", (e) => {
      const data = JSON.parse(e.data);
      if (data.version !== version) window.location.reload();
    });
    events.addEventListener("problems", (e) => {
      const data = JSON.parse(e.data);
      showProblems(data.text);
    });
  }
  function stop() {
    if (events) { events.close(); events = null; }
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") stop(); else listen();
  });
  window.addEventListener("pagehide", stop);
  if (document.visibilityState !== "hidden") listen();

  // A choice made with the mouse takes effect at once. With the keyboard, arrow keys only move
  // the choice (WCAG 3.2.2) and the Show button applies it.
  let pointer = false;
  for (const select of document.querySelectorAll("form.toolbar select")) {
    select.addEventListener("pointerdown", () => { pointer = true; });
    select.addEventListener("keydown", () => { pointer = false; });
    select.addEventListener("change", () => {
      const view = document.getElementById("view");
      if (select.id === "profile" && view) {
        // Choosing a profile shows its route; clearing it goes back to the lanes.
        if (select.value) view.value = "route";
        else if (view.value === "route") view.value = "lanes";
      }
      if (pointer) select.form.submit();
    });
  }

  // The language choice is remembered by the server (a cookie) when a language link is followed.

  const diagram = document.getElementById("diagram");
  if (!diagram) return;
  const svg = diagram.querySelector("svg");

  const nodes = svg ? Array.from(svg.querySelectorAll(".node")) : [];
  if (svg) {
    // The diagram is interactive here: its boxes are buttons, not a picture.
    svg.setAttribute("role", "group");
    // Boxes with details (the services of a pathway page) are buttons; the others stay
    // pictures, so the keyboard never stops on something that does nothing.
    for (const node of nodes) {
      const drill = node.dataset.drillParam;
      if (!drill && !document.getElementById("service-" + node.dataset.key)) continue;
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", drill ? "link" : "button");
      // Its name starts with what the box shows (the service's name, its badges' figures), as a
      // speech-input user says it, then the tooltip's details.
      // Line by line: a label's lines are tspans, whose textContent runs together.
      const lines = Array.from(node.querySelectorAll("text"), (t) => {
        const spans = t.querySelectorAll("tspan");
        return spans.length ? Array.from(spans, (s) => s.textContent.trim()) : [t.textContent.trim()];
      });
      const shown = lines.flat().filter(Boolean).join(" ");
      const title = node.querySelector("title");
      const details = title ? title.textContent : "";
      node.setAttribute("aria-label", details && details !== shown ? `${shown}. ${details}` : shown);
    }
  }

  // A summed-up box of the ecosystem (a region, an organisation) opens its own view, one level
  // down; the page's list of boxes to open is the same without a mouse.
  function drillDown(node) {
    const url = new URL(location.href);
    url.searchParams.delete("region");
    url.searchParams.delete("actor");
    url.searchParams.set(node.dataset.drillParam, node.dataset.drillValue);
    url.hash = "";
    location.assign(url.toString());
  }
  for (const node of nodes.filter((n) => n.dataset.drillParam)) {
    node.style.cursor = "pointer";
    node.addEventListener("click", () => drillDown(node));
    node.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); drillDown(node); }
    });
  }

  // A finding's services and the arrows between them are lit, the rest dimmed.
  const edges = svg ? Array.from(svg.querySelectorAll(".edge[data-from]")) : [];
  function highlight(keys) {
    for (const node of nodes) node.classList.toggle("hl", keys.includes(node.dataset.key));
    // Between its services; a finding about one service (an overload, a dead end) lights the
    // arrows into and out of it.
    const lit = (edge) => (keys.length === 1
      ? keys.includes(edge.dataset.from) || keys.includes(edge.dataset.to)
      : keys.includes(edge.dataset.from) && keys.includes(edge.dataset.to));
    for (const edge of edges) edge.classList.toggle("hl", lit(edge));
    diagram.classList.toggle("dimmed", keys.length > 0);
  }

  // Click a finding: its services are highlighted; click again to clear.
  const buttons = Array.from(document.querySelectorAll("button.highlight"));
  for (const button of buttons) {
    button.addEventListener("click", () => {
      const on = button.getAttribute("aria-pressed") !== "true";
      for (const b of buttons) b.setAttribute("aria-pressed", "false");
      button.setAttribute("aria-pressed", on ? "true" : "false");
      const keys = on ? (button.dataset.services || "").split(" ").filter(Boolean) : [];
      highlight(keys);
      // The viewer (viewer.js) brings them into view at a readable size.
      if (on && keys.length && window.polkuViewer) {
        diagram.scrollIntoView({ block: "nearest" });
        window.polkuViewer.show(keys);
      }
    });
  }

  // Click a service (or press Enter on it): its details open beside the diagram.
  function open(key) {
    const detail = document.getElementById("service-" + key);
    if (!detail) return;
    for (const d of document.querySelectorAll(".service-detail.open")) d.classList.remove("open");
    for (const n of nodes) n.classList.toggle("selected", n.dataset.key === key);
    detail.classList.add("open");
    history.replaceState(null, "", "#service-" + key);
    detail.focus({ preventScroll: true });
    detail.scrollIntoView({ block: "nearest" });
  }
  for (const node of nodes) {
    node.addEventListener("click", () => open(node.dataset.key));
    // The viewer's search found it.
    node.addEventListener("polku:choose", () => open(node.dataset.key));
    node.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(node.dataset.key); }
    });
  }
  for (const link of document.querySelectorAll(".service-index a")) {
    link.addEventListener("click", (e) => { e.preventDefault(); open(link.dataset.key); });
  }
  if (location.hash.startsWith("#service-")) open(location.hash.slice("#service-".length));
})();
