// kg graph explorer. Article text is data: every string from the graph reaches the page through
// textContent or a vis-network canvas label, never innerHTML, and links must be http(s).
(function () {
  "use strict";
  var timings = { start: performance.now() };  // read by benchmarks/bench_html.py
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var opts = data.options;
  var byId = function (id) { return document.getElementById(id); };
  var GLYPHS = { dot: "\u25CF", triangle: "\u25B2", diamond: "\u25C6", square: "\u25A0",
    hexagon: "\u2B22", star: "\u2605", triangleDown: "\u25BC" };
  var nodeVisible = data.nodes.map(function () { return true; });
  var edgeVisible = data.edges.map(function () { return true; });
  var kindColor = {};
  var relColor = {};
  data.kinds.forEach(function (k) { kindColor[k.name] = k.color; });
  data.relations.forEach(function (r) { relColor[r.name] = r.color; });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function safeHref(url) {
    if (typeof url !== "string") return null;
    try {
      var parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (err) { return null; }
  }

  // --- cards shown in the tooltip and the details panel -------------------------------------

  function propsTable(rows) {
    var table = el("table");
    rows.forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("td", null, row[0]));
      tr.appendChild(el("td", null, row[1]));
      table.appendChild(tr);
    });
    return table;
  }

  function nodeCard(n) {
    var card = el("div", "kg-card");
    card.appendChild(el("h3", null, n.label));
    var kind = el("div", "kg-kind", n.kind);
    kind.style.color = kindColor[n.kind] || "#666";
    card.appendChild(kind);
    if (n.aliases.length) card.appendChild(el("div", "kg-meta", "Also: " + n.aliases.join(", ")));
    if (n.props.length) card.appendChild(propsTable(n.props));
    card.appendChild(el("div", "kg-muted", n.key + " \u00B7 " + n.value + " relation(s)"));
    return card;
  }

  function evidenceItem(ev) {
    var box = el("div", "kg-ev");
    box.appendChild(el("q", null, ev.sentence));
    var meta = el("div", "kg-meta");
    var parts = [ev.title, ev.date, ev.lang].filter(function (p) { return p; });
    meta.appendChild(document.createTextNode(parts.join(" \u00B7 ")));
    var href = safeHref(ev.url);
    if (href) {
      var a = el("a", null, "source");
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      meta.appendChild(document.createTextNode(parts.length ? " \u00B7 " : ""));
      meta.appendChild(a);
    }
    box.appendChild(meta);
    return box;
  }

  function edgeCard(e) {
    var card = el("div", "kg-card");
    var head = el("h3");
    head.appendChild(document.createTextNode(data.nodes[e.from].label + " "));
    var rel = el("span", "kg-rel", "\u2014" + e.relation + "\u2192");
    rel.style.color = relColor[e.relation] || "#666";
    head.appendChild(rel);
    head.appendChild(document.createTextNode(" " + data.nodes[e.to].label));
    card.appendChild(head);
    if (e.props.length) card.appendChild(propsTable(e.props));
    card.appendChild(el("div", "kg-muted", "Evidence (" + e.evidenceCount + ")"));
    e.evidence.forEach(function (ev) { card.appendChild(evidenceItem(ev)); });
    var more = e.evidenceCount - e.evidence.length;
    if (more > 0) card.appendChild(el("div", "kg-muted", "\u2026 and " + more + " more"));
    return card;
  }

  // --- tooltip and details panel ------------------------------------------------------------

  var tip = byId("kg-tip");
  var canvasBox = byId("kg-canvas");

  function showTip(card, pointer) {
    tip.replaceChildren(card);
    tip.hidden = false;
    var maxX = canvasBox.clientWidth - tip.offsetWidth - 8;
    var maxY = canvasBox.clientHeight - tip.offsetHeight - 8;
    tip.style.left = Math.max(4, Math.min(pointer.x + 14, maxX)) + "px";
    tip.style.top = Math.max(4, Math.min(pointer.y + 14, maxY)) + "px";
  }

  function hideTip() { tip.hidden = true; tip.replaceChildren(); }

  function showDetails(card) {
    var panel = byId("kg-details");
    if (card) { panel.replaceChildren(card); return; }
    panel.replaceChildren(el("p", "kg-hint", "Nothing selected."));
  }

  // --- vis-network --------------------------------------------------------------------------

  function groups() {
    var out = {};
    data.kinds.forEach(function (k) {
      out[k.name] = { shape: k.shape, color: { background: k.color, border: "#333",
        highlight: { background: k.color, border: "#000" }, hover: { background: k.color, border: "#000" } } };
    });
    return out;
  }

  function visEdge(e) {
    var c = relColor[e.relation] || "#888";
    var item = { id: e.id, from: e.from, to: e.to,
      color: { color: c, highlight: c, hover: c, opacity: opts.large ? 0.45 : 0.85 } };
    if (opts.edgeLabels) item.label = e.relation;
    if (e.curve > 0) {
      // Parallel typed edges between the same pair fan out instead of hiding each other.
      item.smooth = { enabled: true, type: e.curve % 2 ? "curvedCW" : "curvedCCW",
        roundness: 0.12 + 0.12 * Math.floor((e.curve - 1) / 2) };
    }
    return item;
  }

  function visOptions() {
    return {
      nodes: { borderWidth: 1, scaling: { min: 6, max: 32,
        label: { enabled: true, min: 12, max: 22, drawThreshold: 7, maxVisible: 24 } },
        font: { size: 14, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" } },
      edges: { arrows: { to: { enabled: true, scaleFactor: 0.5 } }, smooth: false, width: 1,
        hoverWidth: 1, selectionWidth: 2,
        font: { size: 10, align: "middle", color: "#444", strokeWidth: 3, strokeColor: "#fff" } },
      groups: groups(),
      layout: { improvedLayout: false },
      physics: opts.physics ? { enabled: true, solver: "barnesHut",
        barnesHut: { gravitationalConstant: -3500, centralGravity: 0.9, springLength: 150,
          avoidOverlap: 0.3 },
        stabilization: { enabled: true, iterations: opts.stabilizeIterations, fit: true } } : false,
      interaction: { hover: true, tooltipDelay: 80, hideEdgesOnDrag: opts.large,
        hideEdgesOnZoom: opts.large, keyboard: false }
    };
  }

  timings.parsed = performance.now();
  var network = null;
  var nodeSet = null;
  var edgeSet = null;

  function buildNetwork() {
    nodeSet = new vis.DataSet(data.nodes.map(function (n) {
      return { id: n.id, label: n.label, group: n.kind, value: n.value, x: n.x, y: n.y,
        hidden: !nodeVisible[n.id] };
    }));
    edgeSet = new vis.DataSet(data.edges.map(function (e) {
      var item = visEdge(e);
      item.hidden = !edgeVisible[e.id];
      return item;
    }));
    network = new vis.Network(canvasBox, { nodes: nodeSet, edges: edgeSet }, visOptions());
    timings.network = performance.now();
    canvasBox.appendChild(tip);  // keep the tooltip above the canvas vis-network just added
    network.on("hoverNode", function (p) { showTip(nodeCard(data.nodes[p.node]), p.pointer.DOM); });
    network.on("hoverEdge", function (p) { showTip(edgeCard(data.edges[p.edge]), p.pointer.DOM); });
    ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (ev) { network.on(ev, hideTip); });
    network.on("click", function (p) {
      if (p.nodes.length) showDetails(nodeCard(data.nodes[p.nodes[0]]));
      else if (p.edges.length) showDetails(edgeCard(data.edges[p.edges[0]]));
      else showDetails(null);
    });
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
    network.once("afterDrawing", onDrawn);
    api.network = network;
  }

  // --- filters, legend and search -----------------------------------------------------------

  function checkedSet(containerId) {
    var on = new Set();
    byId(containerId).querySelectorAll("input:checked").forEach(function (i) { on.add(i.value); });
    return on;
  }

  function dateOk(dates, from, until) {
    if (!from && !until) return true;
    return dates.some(function (d) { return (!from || d >= from) && (!until || d <= until); });
  }

  function spanOk(spans, from, until) {
    if (!spans.length) return true;
    return spans.some(function (s) { return (!from || s[1] >= from) && (!until || s[0] <= until); });
  }

  function applyFilters() {
    var kinds = checkedSet("kg-kinds");
    var rels = checkedSet("kg-relations");
    var from = byId("kg-from").value;
    var until = byId("kg-until").value;
    var narrowed = rels.size < data.relations.length || from || until;
    var linked = data.nodes.map(function () { return false; });
    var kindOn = data.nodes.map(function (n) { return kinds.has(n.kind) && spanOk(n.dates, from, until); });
    var edgeOn = data.edges.map(function (e) {
      var on = rels.has(e.relation) && kindOn[e.from] && kindOn[e.to] && dateOk(e.dates, from, until);
      if (on) { linked[e.from] = true; linked[e.to] = true; }
      return on;
    });
    var nodeOn = data.nodes.map(function (n) { return kindOn[n.id] && (!narrowed || linked[n.id]); });
    var body = network ? network.body : null;
    var changed = setVisible(body && body.nodes, nodeVisible, nodeOn) +
      setVisible(body && body.edges, edgeVisible, edgeOn);
    if (body && changed) { network._updateVisibleIndices(); network.redraw(); }
    updateStatus();
  }

  // DataSet.update re-parses every changed item's options (about half a millisecond each:
  // seconds for a filter over 30,000 edges). vis-network 9.1.2 (the copy pinned through
  // pyvis < 0.4) keeps visibility in item.options.hidden and draws what _updateVisibleIndices
  // lists, so flipping the flag and rebuilding those lists once is enough (its "_dataUpdated"
  // event would also rescale every node: slow, and sizes should not jump when filtering).
  // The browser tests pin this behaviour.
  function setVisible(items, current, wanted) {
    var changed = 0;
    wanted.forEach(function (on, id) {
      if (on === current[id]) return;
      current[id] = on;
      changed += 1;
      if (items && items[id]) items[id].options.hidden = !on;
    });
    return changed;
  }

  function count(flags) { return flags.filter(function (f) { return f; }).length; }

  function updateStatus(extra) {
    var text = count(nodeVisible) + " of " + data.nodes.length + " nodes, " + count(edgeVisible) +
      " of " + data.edges.length + " edges";
    byId("kg-status").textContent = extra ? extra + " \u2014 " + text : text;
  }

  function legendRow(item, marker) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = item.name;
    box.addEventListener("change", applyFilters);
    label.appendChild(box);
    label.appendChild(marker);
    label.appendChild(el("span", null, item.name));
    label.appendChild(el("span", "kg-count", item.count));
    return label;
  }

  function buildLegend() {
    data.kinds.forEach(function (k) {
      var glyph = el("span", "kg-glyph", GLYPHS[k.shape] || GLYPHS.dot);
      glyph.style.color = k.color;
      byId("kg-kinds").appendChild(legendRow(k, glyph));
    });
    data.relations.forEach(function (r) {
      var line = el("span", "kg-line");
      line.style.background = r.color;
      byId("kg-relations").appendChild(legendRow(r, line));
    });
    byId("kg-from").addEventListener("change", applyFilters);
    byId("kg-until").addEventListener("change", applyFilters);
  }

  function findNode(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var names = function (n) { return [n.label].concat(n.aliases).map(function (s) { return s.toLowerCase(); }); };
    var tests = [
      function (s) { return s === q; },
      function (s) { return s.indexOf(q) === 0; },
      function (s) { return s.indexOf(q) >= 0; }
    ];
    for (var t = 0; t < tests.length; t++) {
      var hit = data.nodes.find(function (n) { return names(n).some(tests[t]); });
      if (hit) return hit;
    }
    return null;
  }

  function focusNode(query) {
    var n = findNode(query);
    if (!n) { updateStatus("no entity matches"); return null; }
    if (!network) { updateStatus("still preparing, try again in a moment"); return null; }
    if (!nodeVisible[n.id]) { updateStatus(n.label + " is hidden by the filters"); return n.id; }
    network.selectNodes([n.id]);
    network.focus(n.id, { scale: 1.2, animation: opts.large ? false : { duration: 400 } });
    showDetails(nodeCard(n));
    updateStatus(n.label);
    return n.id;
  }

  function buildSearch() {
    var list = byId("kg-names");
    var seen = new Set();
    data.nodes.forEach(function (n) {
      if (seen.has(n.label)) return;
      seen.add(n.label);
      var option = el("option");
      option.value = n.label;
      list.appendChild(option);
    });
    var input = byId("kg-search");
    input.addEventListener("change", function () { focusNode(input.value); });
    input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") focusNode(input.value); });
  }

  function onDrawn() {
    timings.drawn = performance.now();
    var preview = canvasBox.querySelector(".kg-preview");
    if (preview) preview.remove();
    api.ready = true;
    document.body.setAttribute("data-ready", "1");
    updateStatus();
  }

  var api = { network: null, data: data, ready: false, timings: timings, applyFilters: applyFilters,
    focusNode: focusNode, findNode: findNode };
  window.kgExplorer = api;
  byId("kg-title").textContent = data.title;
  buildLegend();
  buildSearch();
  if (opts.large) {
    // vis-network needs seconds to set up tens of thousands of items: show the precomputed
    // layout at once, and let the browser paint it before the interactive graph is built.
    kgDrawPreview(canvasBox, data, kindColor, relColor);
    timings.preview = performance.now();
    updateStatus("Preparing interaction\u2026");
    requestAnimationFrame(function () { setTimeout(buildNetwork, 0); });
  } else {
    buildNetwork();
  }
})();
