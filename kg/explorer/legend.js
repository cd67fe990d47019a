// Legend rows with their filters, search ranking and the search box, vis-network's drawing
// options, and the selected node's neighbourhood drawn above a veil (any view, any size: only
// the neighbourhood is redrawn).

function kgBuildLegend(data, byId, el, glyphs, on) {
  "use strict";
  function legendRow(containerId, item, marker) {
    var label = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = item.name;
    box.addEventListener("change", function () { on.applyFilters(); on.fit(); });
    label.appendChild(box);
    label.appendChild(marker);
    label.appendChild(el("span", null, item.name));
    var onlyButton = el("button", "kg-only", "only");
    onlyButton.type = "button";
    onlyButton.title = "Show only " + item.name;
    onlyButton.addEventListener("click", function (ev) { ev.preventDefault(); on.only(containerId, item.name); });
    label.appendChild(onlyButton);
    label.appendChild(el("span", "kg-count", item.count));
    byId(containerId).appendChild(label);
}

(function () {
  data.kinds.forEach(function (k) {
    var glyph = el("span", "kg-glyph", glyphs[k.shape] || glyphs.dot);
    glyph.style.color = k.color;
    legendRow("kg-kinds", k, glyph);
  });
  data.relations.forEach(function (r) {
    var line = el("span", "kg-line");
    line.style.background = r.color;
    legendRow("kg-relations", r, line);
  });
  byId("kg-from").addEventListener("change", on.periodChanged);
  byId("kg-until").addEventListener("change", on.periodChanged);
})();
}

// Search ranking: an entity with relations before an isolated one (an isolated node has nothing
// to show), then how well a name, alias or id matches (exact, prefix, contains the query, is
// contained in it: "Microsoft Azure" finds Microsoft), then the most connected.
function kgFindNode(nodes, query) {
  "use strict";
  var q = query.trim().toLowerCase();
  if (!q) return null;
  var best = null, bestScore = null;
  nodes.forEach(function (n) {
    var tier = 4;
    [n.label, n.key].concat(n.aliases).forEach(function (s) {
      s = s.toLowerCase();
      var t = s === q ? 0 : s.indexOf(q) === 0 ? 1 : s.indexOf(q) >= 0 ? 2 :
        s.length >= 3 && (" " + q + " ").indexOf(" " + s + " ") >= 0 ? 3 : 4;
      if (t < tier) tier = t;
    });
    if (tier === 4) return;
    var score = [n.value > 0 ? 0 : 1, tier, -n.value];
    if (best === null || score[0] < bestScore[0] || (score[0] === bestScore[0] &&
        (score[1] < bestScore[1] || (score[1] === bestScore[1] && score[2] < bestScore[2])))) {
      best = n;
      bestScore = score;
    }
  });
  return best;
}

function kgBuildSearch(data, byId, el, focusNode) {
  "use strict";
  var list = byId("kg-names"), seen = new Set(), input = byId("kg-search");
  data.nodes.slice().sort(function (a, b) { return b.value - a.value; }).forEach(function (n) {
    if (seen.has(n.label)) return;
    seen.add(n.label);
    var option = el("option");
    option.value = n.label;
    list.appendChild(option);
  });
  input.addEventListener("change", function () { focusNode(input.value); });
  input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") focusNode(input.value); });
}

// The selected node's neighbourhood drawn again above a veil, so it stands out in any view.
function kgHighlight(ctx, network, data, selected, adj, edgeVisible, kindColor, relColor) {
  "use strict";
  var ids = [selected], edges = [];
  adj[selected].forEach(function (eid) {
    if (!edgeVisible[eid]) return;
    var e = data.edges[eid];
    edges.push(e);
    ids.push(e.from === selected ? e.to : e.from);
  });
  var pos = network.getPositions(ids), scale = network.getScale();
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = "rgba(250,250,250,0.72)";
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.restore();
  ctx.lineWidth = 2.5 / scale;
  edges.forEach(function (e) {
    ctx.strokeStyle = relColor[e.relation] || "#888";
    ctx.beginPath();
    ctx.moveTo(pos[e.from].x, pos[e.from].y);
    ctx.lineTo(pos[e.to].x, pos[e.to].y);
    ctx.stroke();
  });
  ctx.font = (13 / scale) + "px system-ui, sans-serif";
  ctx.textAlign = "center";
  ids.forEach(function (id) {
    var n = data.nodes[id], p = pos[id], r = (id === selected ? 11 : 8) / Math.max(scale, 0.35);
    ctx.fillStyle = kindColor[n.kind] || "#999";
    ctx.strokeStyle = id === selected ? "#000" : "#333";
    ctx.lineWidth = (id === selected ? 3 : 1) / scale;
    ctx.beginPath();
    ctx.arc(p.x, p.y, r, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    ctx.lineWidth = 4 / scale;
    ctx.strokeStyle = "#fff";
    ctx.strokeText(n.label, p.x, p.y + r + 14 / scale);
    ctx.fillStyle = "#111";
    ctx.fillText(n.label, p.x, p.y + r + 14 / scale);
  });
}


function kgVisOptions(data, mode, big) {
  "use strict";
  var opts = data.options;
  var groups = {};
  data.kinds.forEach(function (k) {
    groups[k.name] = { shape: k.shape, color: { background: k.color, border: "#333",
      highlight: { background: k.color, border: "#000" }, hover: { background: k.color, border: "#000" } } };
  });
  var physics = mode === "all" && opts.physics;
  return {
    // The overview's labels keep one readable size (its layout leaves room for them); in the
    // whole graph, bigger nodes get bigger labels and the smallest vanish when zoomed out.
    nodes: { borderWidth: 1, scaling: { min: 6, max: 32,
      label: { enabled: mode === "all", min: 12, max: 22, drawThreshold: mode === "all" ? 6 : 4,
        maxVisible: 26 } },
      font: { size: 13, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.5 } }, smooth: false, width: 1,
      hoverWidth: 1, selectionWidth: 2,
      font: { size: 10, align: "middle", color: "#444", strokeWidth: 3, strokeColor: "#fff" } },
    groups: groups,
    layout: { improvedLayout: false },
    physics: physics ? { enabled: true, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -3500, centralGravity: 0.9, springLength: 150, avoidOverlap: 0.3 },
      stabilization: { enabled: true, iterations: opts.stabilizeIterations, fit: true } } : false,
    interaction: { hover: true, tooltipDelay: 80, hideEdgesOnDrag: big,
      hideEdgesOnZoom: big, keyboard: false, multiselect: false }
  };
}
