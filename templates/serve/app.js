// polku serve: the little the pages need beyond HTML — live reload with the error overlay,
// toolbar choices applied at once, findings highlighted in the diagram, a service's details.
// Everything also works without it, except live reload.
"use strict";

(function () {
  const body = document.body;
  const generation = Number(body.dataset.generation || 0);

  // Live reload: the server sends `reload` when a new version is served and `problems` when the
  // newest files have errors (the page keeps showing the last good version).
  const overlay = document.getElementById("problems");
  const overlayText = document.getElementById("problems-text");
  const dismiss = document.getElementById("problems-dismiss");
  if (dismiss) dismiss.addEventListener("click", () => { overlay.hidden = true; });
  if (window.EventSource) {
    const events = new EventSource("/events");
    events.addEventListener("reload", (e) => {
      const data = JSON.parse(e.data);
      if (data.generation !== generation) window.location.reload();
    });
    events.addEventListener("problems", (e) => {
      const data = JSON.parse(e.data);
      overlayText.textContent = data.text;
      overlay.hidden = false;
    });
    events.addEventListener("clear", () => { overlay.hidden = true; });
  }

  // The toolbar's choices take effect at once (the button stays for keyboard users and no-JS).
  for (const select of document.querySelectorAll("form.toolbar select")) {
    select.addEventListener("change", () => {
      if (select.id === "profile" && select.value && document.getElementById("view")) {
        // Choosing a profile shows its route; clearing it goes back to the lanes.
        document.getElementById("view").value = "route";
      } else if (select.id === "profile" && !select.value && document.getElementById("view").value === "route") {
        document.getElementById("view").value = "lanes";
      }
      select.form.submit();
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
    for (const node of nodes) {
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "button");
      const title = node.querySelector("title");
      if (title) node.setAttribute("aria-label", title.textContent);
    }
  }

  function highlight(keys) {
    for (const node of nodes) node.classList.toggle("hl", keys.includes(node.dataset.key));
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
      if (on && keys.length) {
        const first = nodes.find((n) => n.dataset.key === keys[0]);
        if (first) first.scrollIntoView({ block: "nearest", inline: "center" });
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
    node.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(node.dataset.key); }
    });
  }
  for (const link of document.querySelectorAll(".service-index a")) {
    link.addEventListener("click", (e) => { e.preventDefault(); open(link.dataset.key); });
  }
  if (location.hash.startsWith("#service-")) open(location.hash.slice("#service-".length));
})();
