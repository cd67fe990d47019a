// kg graph explorer. Article text is data: every string from the graph reaches the page through
// textContent or a canvas label, never innerHTML, and links must be http(s).
// Big graphs open on an overview (most connected entities, the period's deals); nodes come in
// on demand (expand, search, show all). Only nodes in view are given to vis-network.
(function () {
  "use strict";
  var timings = { start: performance.now() };  // read by benchmarks/bench_html.py
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var opts = data.options;
  var byId = function (id) { return document.getElementById(id); };
  var N = data.nodes.length;
  var GLYPHS = { dot: "\u25CF", triangle: "\u25B2", diamond: "\u25C6", square: "\u25A0",
    hexagon: "\u2B22", star: "\u2605", triangleDown: "\u25BC" };
  var kindColor = {}, relColor = {};
  data.kinds.forEach(function (k) { kindColor[k.name] = k.color; });
  data.relations.forEach(function (r) { relColor[r.name] = r.color; });
  var adj = data.nodes.map(function () { return []; });
  data.edges.forEach(function (e) { adj[e.from].push(e.id); if (e.to !== e.from) adj[e.to].push(e.id); });
  data.nodes.forEach(function (n) {  // a deal is dated by its timeline
    if (n.events && n.events.length && !n.dates.length) n.dates = [[n.events[0][0], n.events[n.events.length - 1][0]]];
  });

  var mode = opts.overview ? "overview" : "all";
  var inView = new Uint8Array(N);
  var placed = {};  // node id -> [x, y] while in the overview
  var satellites = {};  // anchor id -> nodes placed around it
  var nodeVisible = [], edgeVisible = [];
  var nodeAdded = new Uint8Array(N), edgeAdded = new Uint8Array(data.edges.length);
  var network = null, nodeSet = null, edgeSet = null, selected = null;
  var tip = byId("kg-tip"), canvasBox = byId("kg-canvas");

  var panel = kgPanel({ data: data, kindColor: kindColor, relColor: relColor, adj: adj,
    onSelect: function (id) { select(id, true); }, onExpand: function (id) { expand(id); },
    onOnlyKind: function (kind) { only("kg-kinds", kind); } });
  var timeline = kgTimeline(byId("kg-timeline"), { data: data, el: panel.el,
    onPeriod: function (p) { setPeriod(p); } });

  // --- what is in view, and where ------------------------------------------------------------

  function startView() {
    inView.fill(0);
    placed = {};
    satellites = {};
    if (mode === "all") { inView.fill(1); return; }
    data.nodes.forEach(function (n) { if (n.ov) { inView[n.id] = 1; placed[n.id] = n.ov; } });
  }

  function position(id) {
    if (mode === "all") return [data.nodes[id].x, data.nodes[id].y];
    return placed[id];
  }

  // A node entering the overview goes around its most connected neighbour already in view
  // (a sunflower spiral, so neighbours never land on each other), else around the centre.
  function bringIn(id, anchorHint) {
    if (inView[id]) return false;
    inView[id] = 1;
    if (mode === "all") return true;
    var anchor = anchorHint;
    if (anchor === undefined || !placed[anchor]) {
      anchor = null;
      adj[id].forEach(function (eid) {
        var e = data.edges[eid], o = e.from === id ? e.to : e.from;
        if (placed[o] && (anchor === null || data.nodes[o].value > data.nodes[anchor].value)) anchor = o;
      });
    }
    var c = anchor === null ? [0, 0] : placed[anchor];
    var key = anchor === null ? "centre" : anchor;
    var k = satellites[key] = (satellites[key] || 0) + 1;
    var r = (anchor === null ? 260 : 80) + 26 * Math.sqrt(k), a = k * 2.39996;
    placed[id] = [c[0] + r * Math.cos(a), c[1] + r * Math.sin(a)];
    return true;
  }

  // Bring a node's neighbours into view (through the relations the filters keep) and fit the
  // view to them; `quiet` only brings them in (many at once: call api.refresh() after).
  function expand(id, quiet) {
    var rels = checkedSet("kg-relations");
    adj[id].forEach(function (eid) {
      var e = data.edges[eid];
      if (rels.has(e.relation)) bringIn(e.from === id ? e.to : e.from, id);
    });
    if (quiet === true) return;
    refresh();
    var ids = [id].concat(adj[id].map(function (eid) { var e = data.edges[eid]; return e.from === id ? e.to : e.from; }))
      .filter(function (n) { return nodeVisible[n]; });
    if (network && ids.length) network.fit({ nodes: ids, animation: false });
    updateStatus(data.nodes[id].label + ": " + (ids.length - 1) + " neighbour(s) shown");
  }

  function refresh() { sync(); applyFilters(); }

  // --- vis-network -----------------------------------------------------------------------------

  function visNode(n) {
    var p = position(n.id);
    return { id: n.id, label: n.label, group: n.kind, value: n.value, x: p[0], y: p[1], hidden: !nodeVisible[n.id] };
  }

  function visEdge(e) {
    var c = relColor[e.relation] || "#888";
    var item = { id: e.id, from: e.from, to: e.to, hidden: !edgeVisible[e.id],
      color: { color: c, highlight: c, hover: c, opacity: bigView() ? 0.45 : 0.85 } };
    if (opts.edgeLabels) item.label = e.relation;
    if (e.curve > 0) {  // parallel typed edges between one pair fan out instead of hiding each other
      item.smooth = { enabled: true, type: e.curve % 2 ? "curvedCW" : "curvedCCW",
        roundness: 0.12 + 0.12 * Math.floor((e.curve - 1) / 2) };
    }
    return item;
  }

  function bigView() { return mode === "all" && opts.large; }

  // Items in view that vis-network does not have yet are added, hidden or not as the filters
  // last said (applyFilters shows the new ones that pass).
  function fresh() {
    var nodes = [], edges = [];
    for (var i = 0; i < N; i++) {
      if (inView[i] && !nodeAdded[i]) { nodeAdded[i] = 1; nodes.push(visNode(data.nodes[i])); }
    }
    data.edges.forEach(function (e) {
      if (!edgeAdded[e.id] && inView[e.from] && inView[e.to]) { edgeAdded[e.id] = 1; edges.push(visEdge(e)); }
    });
    return { nodes: nodes, edges: edges };
  }

  function sync() {
    if (!network) return;
    var items = fresh();
    if (items.nodes.length) nodeSet.add(items.nodes);
    if (items.edges.length) edgeSet.add(items.edges);
  }

  function build() {
    timings.build = performance.now();
    if (network) network.destroy();
    network = null;
    nodeAdded.fill(0);
    edgeAdded.fill(0);
    nodeVisible = data.nodes.map(function () { return false; });
    edgeVisible = data.edges.map(function () { return false; });
    applyFilters(true);  // no network yet: only decides what the new items show
    var items = fresh();
    nodeSet = new vis.DataSet(items.nodes);
    edgeSet = new vis.DataSet(items.edges);
    network = new vis.Network(canvasBox, { nodes: nodeSet, edges: edgeSet }, kgVisOptions(data, mode, bigView()));
    if (!(mode === "all" && opts.physics)) network.fit({ animation: false });
    timings.network = performance.now();
    canvasBox.appendChild(tip);  // keep the tooltip above the canvas vis-network just added
    network.on("hoverNode", function (p) { showTip(panel.nodeCard(data.nodes[p.node]), p.pointer.DOM); });
    network.on("hoverEdge", function (p) { showTip(panel.edgeCard(data.edges[p.edge]), p.pointer.DOM); });
    ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (ev) { network.on(ev, hideTip); });
    network.on("click", function (p) {
      if (p.nodes.length) select(p.nodes[0], false);
      else if (p.edges.length) { clearSelection(); showDetails(panel.edgeCard(data.edges[p.edges[0]])); }
      else clearSelection();
    });
    network.on("doubleClick", function (p) { if (p.nodes.length) expand(p.nodes[0]); });
    network.on("afterDrawing", function (g) {
      if (selected !== null && nodeVisible[selected]) kgHighlight(g, network, data, selected, adj, edgeVisible, kindColor, relColor);
    });
    network.on("dragEnd", function (p) {  // a dragged overview node stays where it was put
      if (mode !== "all") p.nodes.forEach(function (id) { var q = network.getPositions([id])[id]; placed[id] = [q.x, q.y]; });
    });
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
    network.once("afterDrawing", onDrawn);
    api.network = network;
  }

  // --- tooltip, details, selection -------------------------------------------------------------

  function showTip(card, pointer) {
    tip.replaceChildren(card);
    tip.hidden = false;
    var maxX = canvasBox.clientWidth - tip.offsetWidth - 8, maxY = canvasBox.clientHeight - tip.offsetHeight - 8;
    tip.style.left = Math.max(4, Math.min(pointer.x + 14, maxX)) + "px";
    tip.style.top = Math.max(4, Math.min(pointer.y + 14, maxY)) + "px";
  }

  function hideTip() { tip.hidden = true; tip.replaceChildren(); }

  function showDetails(card) {
    var box = byId("kg-details");
    if (card) { box.replaceChildren(card); box.scrollTop = 0; return; }
    box.replaceChildren(panel.el("p", "kg-hint", "Nothing selected."));
  }

  function select(id, move) {
    if (!inView[id]) { bringIn(id); sync(); applyFilters(); }
    selected = id;
    showDetails(panel.nodeDetails(data.nodes[id]));
    renderTimeline();
    writeHash();
    if (!network) return;
    if (nodeVisible[id]) {
      network.selectNodes([id]);
      if (move) network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    }
    network.redraw();
  }

  function clearSelection() {
    selected = null;
    if (network) { network.unselectAll(); network.redraw(); }
    showDetails(null);
    renderTimeline();
    writeHash();
  }

  function renderTimeline() {
    timeline.renderFor(selected, adj, byId("kg-from").value, byId("kg-until").value);
  }

  // --- filters -------------------------------------------------------------------------------

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

  function applyFilters(quiet) {
    var kinds = checkedSet("kg-kinds"), rels = checkedSet("kg-relations");
    var from = byId("kg-from").value, until = byId("kg-until").value;
    var narrowed = rels.size < data.relations.length || from || until;
    var linked = new Uint8Array(N);
    var kindOn = data.nodes.map(function (n) { return inView[n.id] && kinds.has(n.kind) && spanOk(n.dates, from, until); });
    var edgeOn = data.edges.map(function (e) {
      var on = rels.has(e.relation) && kindOn[e.from] && kindOn[e.to] && dateOk(e.dates, from, until);
      if (on) { linked[e.from] = 1; linked[e.to] = 1; }
      return on;
    });
    var nodeOn = data.nodes.map(function (n) { return kindOn[n.id] && (!narrowed || linked[n.id] === 1); });
    var body = network ? network.body : null;
    var changed = setVisible(body && body.nodes, nodeVisible, nodeOn) + setVisible(body && body.edges, edgeVisible, edgeOn);
    if (body && changed) { network._updateVisibleIndices(); network.redraw(); }
    if (quiet !== true) writeHash();
    updateStatus();
  }

  // DataSet.update re-parses every changed item's options (about half a millisecond each:
  // seconds for a filter over 30,000 edges). vis-network 9.1.2 (vendored) keeps visibility in
  // item.options.hidden and draws what _updateVisibleIndices lists, so flipping the flag and
  // rebuilding those lists once is enough. tests/test_explorer_browser.py pins this behaviour.
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

  function count(flags) { var c = 0; flags.forEach(function (f) { if (f) c += 1; }); return c; }

  function updateStatus(extra) {
    var text = count(nodeVisible) + " of " + N + " nodes, " + count(edgeVisible) + " of " +
      data.edges.length + " edges" + (mode === "overview" ? " (overview)" : "");
    byId("kg-status").textContent = extra ? extra + " \u2014 " + text : text;
  }

  function visibleIds() { var out = []; nodeVisible.forEach(function (on, id) { if (on) out.push(id); }); return out; }

  function fit() { if (network) network.fit({ nodes: visibleIds(), animation: false }); }

  function only(containerId, value) {
    byId(containerId).querySelectorAll("input").forEach(function (i) { i.checked = i.value === value; });
    applyFilters();
    fit();
  }

  function setPeriod(p) {
    byId("kg-from").value = p ? p.from : "";
    byId("kg-until").value = p ? p.until : "";
    periodChanged();
  }

  // In the overview, the period's latest deals come into view with their parties around them.
  function periodDeals() {
    var from = byId("kg-from").value, until = byId("kg-until").value;
    if (mode !== "overview" || !(from || until)) return;
    data.nodes.filter(function (n) { return n.events && spanOk(n.dates, from, until); })
      .sort(function (a, b) { return a.dates[0][1] < b.dates[0][1] ? 1 : -1; })
      .slice(0, opts.topDeals).forEach(function (d) { bringIn(d.id); });
    sync();
  }

  function periodChanged() {
    periodDeals();
    applyFilters();
    fit();
    renderTimeline();
  }

  // --- legend, search, toolbar -----------------------------------------------------------------

  function findNode(query) { return kgFindNode(data.nodes, query); }

  function focusNode(query) {
    var n = findNode(query);
    if (!n) { updateStatus("no entity matches"); return null; }
    if (!network) { updateStatus("still preparing, try again in a moment"); return null; }
    if (!inView[n.id]) { bringIn(n.id); expand(n.id); }
    if (!nodeVisible[n.id]) { updateStatus(n.label + " is hidden by the filters"); return n.id; }
    select(n.id, true);
    updateStatus(n.label);
    return n.id;
  }

  function setModeQuiet(next) {
    mode = next;
    startView();
    if (selected !== null) bringIn(selected);
  }

  function setMode(next) {
    setModeQuiet(next);
    periodDeals();
    draw();
    writeHash();
  }

  function draw() {
    api.ready = false;
    document.body.removeAttribute("data-ready");
    if (bigView()) {
      // vis-network needs seconds to set up tens of thousands of items: show the precomputed
      // layout at once, and let the browser paint it before the interactive graph is built.
      kgDrawPreview(canvasBox, data, kindColor, relColor);
      timings.preview = performance.now();
      updateStatus("Preparing interaction\u2026");
      requestAnimationFrame(function () { setTimeout(build, 0); });
    } else {
      build();
    }
  }

  function onDrawn() {
    timings.drawn = performance.now();
    var preview = canvasBox.querySelector(".kg-preview");
    if (preview) preview.remove();
    if (selected !== null && nodeVisible[selected]) {
      network.selectNodes([selected]);
      network.focus(selected, { scale: Math.max(network.getScale(), 0.9), animation: false });
    }
    api.ready = true;
    document.body.setAttribute("data-ready", "1");
    updateStatus();
  }

  var api = { network: null, data: data, ready: false, timings: timings, applyFilters: applyFilters,
    focusNode: focusNode, findNode: findNode, expand: expand, refresh: refresh, select: select, fit: fit,
    showAll: function () { setMode("all"); }, overview: function () { setMode("overview"); },
    inView: function (id) { return inView[id] === 1; }, visible: function (id) { return nodeVisible[id] === true; },
    mode: function () { return mode; }, setPeriod: setPeriod };
  window.kgExplorer = api;
  byId("kg-title").textContent = data.title;
  kgBuildLegend(data, byId, panel.el, GLYPHS, { applyFilters: applyFilters, fit: fit, only: only,
    periodChanged: periodChanged });
  kgBuildSearch(data, byId, panel.el, focusNode);
  var writeHash = function () {};
  var hooks = kgViewState({ api: api, data: data, byId: byId, canvasBox: canvasBox,
    setMode: setMode, setModeQuiet: setModeQuiet, periodDeals: periodDeals, select: select,
    clearSelection: clearSelection, fit: fit, redraw: draw, selected: function () { return selected; } });
  startView();
  hooks.readStart();
  writeHash = hooks.writeHash;
  draw();
})();
