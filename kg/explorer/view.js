// What the page shows, as a link and as a picture: the URL hash carries the focus and the
// filters (the names of kg's GraphFilter: focus, kinds, relations, since, until) and the view;
// PNG export draws the graph's canvas on white. Also the toolbar buttons.
function kgViewState(ctx) {
  "use strict";
  var api = ctx.api, data = ctx.data, byId = ctx.byId;

  function checked(id) {
    var all = byId(id).querySelectorAll("input"), on = [];
    all.forEach(function (i) { if (i.checked) on.push(i.value); });
    return on.length === all.length ? null : on;
  }

  function writeHash() {
    var p = new URLSearchParams(), sel = ctx.selected();
    if (sel !== null) p.set("focus", data.nodes[sel].key);
    var kinds = checked("kg-kinds"), rels = checked("kg-relations");
    if (kinds) p.set("kinds", kinds.join(","));
    if (rels) p.set("relations", rels.join(","));
    if (byId("kg-from").value) p.set("since", byId("kg-from").value);
    if (byId("kg-until").value) p.set("until", byId("kg-until").value);
    if (data.options.overview && api.mode() === "all") p.set("view", "all");
    var hash = p.toString();
    try {
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    } catch (err) { location.hash = hash; }
    var box = byId("kg-linktext");
    if (box) box.value = location.href;
  }

  function day(value, last) {  // "2025" / "2025-06" / "2025-06-11" -> a date input's value
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value || "");
    if (!m) return "";
    if (m[3]) return m[0];
    if (!last) return m[1] + "-" + (m[2] || "01") + "-01";
    if (!m[2]) return m[1] + "-12-31";
    var end = new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate();
    return m[1] + "-" + m[2] + "-" + String(end).padStart(2, "0");
  }

  function setChecked(id, values) {
    var wanted = values && values.length ? new Set(values) : null;
    var boxes = byId(id).querySelectorAll("input"), any = false;
    boxes.forEach(function (i) { i.checked = !wanted || wanted.has(i.value); any = any || i.checked; });
    if (!any) boxes.forEach(function (i) { i.checked = true; });  // nothing known: no filter
  }

  function list(value) { return value ? String(value).split(",").filter(function (s) { return s; }) : null; }

  // The state a link (or the export's own filter) asks for, applied before the first drawing.
  function apply(state) {
    setChecked("kg-kinds", state.kinds);
    setChecked("kg-relations", state.relations);
    byId("kg-from").value = day(state.since, false);
    byId("kg-until").value = day(state.until, true);
    ctx.setModeQuiet(state.view === "all" || !data.options.overview ? "all" : "overview");
    ctx.periodDeals();
    var n = null;
    if (state.focus) {
      n = data.nodes.find(function (x) { return x.key === state.focus; }) || api.findNode(state.focus);
    }
    if (n) ctx.select(n.id, true); else ctx.clearSelection();
  }

  function fromHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    return { focus: p.get("focus"), kinds: list(p.get("kinds")), relations: list(p.get("relations")),
      since: p.get("since"), until: p.get("until"), view: p.get("view") };
  }

  function initial() {
    var f = data.filter || {};
    return { focus: f.focus, kinds: f.kinds, relations: f.relations, since: f.since, until: f.until };
  }

  function readStart() { apply(location.hash.length > 1 ? fromHash() : initial()); }

  function pngDataUrl() {
    var src = ctx.canvasBox.querySelector("canvas:not(.kg-preview)");
    var out = document.createElement("canvas");
    out.width = src.width;
    out.height = src.height;
    var g = out.getContext("2d");
    g.fillStyle = "#ffffff";
    g.fillRect(0, 0, out.width, out.height);
    g.drawImage(src, 0, 0);
    return out.toDataURL("image/png");
  }

  function savePng() {
    var a = document.createElement("a");
    a.href = pngDataUrl();
    a.download = (data.title || "kg graph").replace(/[^\w.-]+/g, "_").slice(0, 60) + ".png";
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function showLink() {
    writeHash();
    var box = byId("kg-linkbox"), input = byId("kg-linktext");
    box.hidden = false;
    input.value = location.href;
    input.select();
    if (navigator.clipboard) navigator.clipboard.writeText(location.href).catch(function () {});
  }

  function on(id, fn) { byId(id).addEventListener("click", fn); }

  on("kg-overview", function () { ctx.setMode("overview"); });
  on("kg-all", function () { ctx.setMode("all"); });
  on("kg-fit", function () { ctx.fit(); });
  on("kg-reset", function () { apply(initial()); ctx.redraw(); });
  on("kg-png", savePng);
  on("kg-link", showLink);
  on("kg-filters-toggle", function () {
    var open = document.body.classList.toggle("kg-filters-open");
    byId("kg-filters-toggle").setAttribute("aria-expanded", open ? "true" : "false");
  });
  if (!data.options.overview) { byId("kg-overview").hidden = true; byId("kg-all").hidden = true; }
  api.pngDataUrl = pngDataUrl;
  api.savePng = savePng;
  api.writeHash = writeHash;
  return { writeHash: writeHash, readStart: readStart };
}
