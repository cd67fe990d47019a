// A static first picture of a large graph, drawn from the layout computed in Python while
// vis-network builds the interactive one (removed when that one has drawn). Canvas only: no text.
function kgDrawPreview(box, data, kindColor, relColor) {
  "use strict";
  var w = box.clientWidth, h = box.clientHeight, ratio = window.devicePixelRatio || 1;
  var canvas = document.createElement("canvas");
  canvas.className = "kg-preview";
  canvas.width = Math.round(w * ratio);
  canvas.height = Math.round(h * ratio);
  var ctx = canvas.getContext("2d");
  ctx.scale(ratio, ratio);
  var view = kgPreviewView(data.nodes, w, h);
  var px = function (n) { return (n.x - view.cx) * view.zoom + w / 2; };
  var py = function (n) { return (n.y - view.cy) * view.zoom + h / 2; };
  ctx.lineWidth = 1;
  ctx.globalAlpha = 0.45;
  data.relations.forEach(function (r) {  // one path per colour keeps 30,000 lines fast
    ctx.strokeStyle = relColor[r.name];
    ctx.beginPath();
    data.edges.forEach(function (e) {
      if (e.relation !== r.name) return;
      ctx.moveTo(px(data.nodes[e.from]), py(data.nodes[e.from]));
      ctx.lineTo(px(data.nodes[e.to]), py(data.nodes[e.to]));
    });
    ctx.stroke();
  });
  ctx.globalAlpha = 1;
  data.nodes.forEach(function (n) {
    ctx.fillStyle = kindColor[n.kind] || "#999";
    var r = Math.max(1.5, view.size(n.value) * view.zoom);
    ctx.fillRect(px(n) - r, py(n) - r, 2 * r, 2 * r);
  });
  box.appendChild(canvas);
}

// The same fit and node sizes vis-network will use, so the picture does not jump when it swaps.
function kgPreviewView(nodes, w, h) {
  "use strict";
  var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  var minV = Infinity, maxV = -Infinity;
  nodes.forEach(function (n) {
    minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x);
    minY = Math.min(minY, n.y); maxY = Math.max(maxY, n.y);
    minV = Math.min(minV, n.value); maxV = Math.max(maxV, n.value);
  });
  var zoom = Math.min(w / ((maxX - minX) * 1.1 || 1), h / ((maxY - minY) * 1.1 || 1));
  var size = function (v) {
    var t = maxV === minV ? 0.5 : (v - minV) / (maxV - minV);
    return 6 + t * (32 - 6);
  };
  return { cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, zoom: Math.min(zoom, 1), size: size };
}
