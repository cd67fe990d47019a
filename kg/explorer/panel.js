// Cards for the tooltip and the details panel. Every string from the graph goes in through
// textContent (el), links only when they parse as http(s).
var KG_STATUS = { announced: ["announced", "#0072B2"], under_review: ["under review", "#E69F00"],
  cleared: ["cleared", "#009E73"], completed: ["completed", "#1B7F5F"], blocked: ["blocked", "#D55E00"],
  pending: ["pending", "#8C8C8C"], rumoured: ["rumoured", "#A0A0A0"], cancelled: ["cancelled", "#6B6B6B"] };

function kgPanel(ctx) {
  "use strict";
  var data = ctx.data;
  var ROWS = 8, ARTICLES = 20;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // "1 article", "3 sentences": counts say what they count (a digest in zh, en and fr states a
  // fact in three sentences but is one article).
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function safeHref(url) {
    if (typeof url !== "string") return null;
    try {
      var parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (err) { return null; }
  }

  function link(text, url) {
    var href = safeHref(url);
    if (!href) return null;
    var a = el("a", null, text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

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

  function status(name) {
    var s = KG_STATUS[name] || [String(name).replace(/_/g, " "), "#777"];
    var badge = el("span", "kg-status", s[0]);
    badge.style.background = s[1];
    return badge;
  }

  function nodeCard(n) {
    var card = el("div", "kg-card");
    card.appendChild(el("h3", null, n.label));
    var kind = el("div", "kg-kind", n.kind);
    kind.style.color = ctx.kindColor[n.kind] || "#666";
    card.appendChild(kind);
    if (n.aliases.length) card.appendChild(el("div", "kg-meta", "Also: " + n.aliases.join(", ")));
    if (n.props.length) card.appendChild(propsTable(n.props));
    if (n.events && n.events.length) card.appendChild(eventsLine(n.events));
    card.appendChild(el("div", "kg-muted", n.key + " \u00B7 " + n.value + " relation(s)"));
    return card;
  }

  function eventsLine(events) {
    var line = el("div", "kg-meta");
    events.forEach(function (ev, i) {
      if (i) line.appendChild(document.createTextNode(" \u2192 "));
      line.appendChild(status(ev[1]));
      line.appendChild(document.createTextNode(" " + ev[0]));
    });
    return line;
  }

  function evidenceItem(ev) {
    var box = el("div", "kg-ev");
    box.appendChild(el("q", null, ev.sentence));
    var meta = el("div", "kg-meta");
    var parts = [ev.title, ev.date, ev.lang].filter(function (p) { return p; });
    meta.appendChild(document.createTextNode(parts.join(" \u00B7 ")));
    var a = link("source", ev.url);
    if (a) {
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
    rel.style.color = ctx.relColor[e.relation] || "#666";
    head.appendChild(rel);
    head.appendChild(document.createTextNode(" " + data.nodes[e.to].label));
    card.appendChild(head);
    if (e.props.length) card.appendChild(propsTable(e.props));
    card.appendChild(el("div", "kg-muted", "Evidence (" + plural(e.evidenceCount, "sentence") +
      ", " + plural(e.articleCount, "article") + ")"));
    e.evidence.forEach(function (ev) { card.appendChild(evidenceItem(ev)); });
    var more = e.evidenceCount - e.evidence.length;
    if (more > 0) card.appendChild(el("div", "kg-muted", "\u2026 and " + more + " more"));
    return card;
  }

  function nodeButton(n) {
    var b = el("button", "kg-link", n.label);
    b.type = "button";
    b.setAttribute("data-node", n.id);
    b.addEventListener("click", function () { ctx.onSelect(n.id); });
    return b;
  }

  function section(card, title) {
    var h = el("h2", null, title);
    card.appendChild(h);
    return h;
  }

  // Relations grouped by type and direction, each neighbour with its evidence count and the
  // edge's best sentence (payload.best_first put it first).
  function relations(card, n, edges) {
    var groups = {};
    edges.forEach(function (e) {
      var out = e.from === n.id;
      var key = out ? e.relation + " \u2192" : "\u2190 " + e.relation;
      (groups[key] = groups[key] || []).push({ edge: e, other: data.nodes[out ? e.to : e.from] });
    });
    var keys = Object.keys(groups).sort();
    if (!keys.length) return;
    section(card, "Relations");
    keys.forEach(function (key) {
      var rows = groups[key].sort(function (a, b) { return b.edge.evidenceCount - a.edge.evidenceCount; });
      var total = rows.reduce(function (s, r) { return s + r.edge.evidenceCount; }, 0);
      var head = el("div", "kg-group", key + " (" + rows.length + ", " + plural(total, "sentence") + ")");
      head.style.color = ctx.relColor[rows[0].edge.relation] || "#444";
      card.appendChild(head);
      rows.slice(0, ROWS).forEach(function (r) {
        var row = el("div", "kg-row");
        row.appendChild(nodeButton(r.other));
        row.appendChild(el("span", "kg-count", plural(r.edge.articleCount, "article")));
        card.appendChild(row);
        var best = r.edge.evidence[0];
        if (best) card.appendChild(el("div", "kg-best", "\u201C" + best.sentence + "\u201D" + (best.date ? " \u00B7 " + best.date : "")));
      });
      if (rows.length > ROWS) card.appendChild(el("div", "kg-muted", "\u2026 and " + (rows.length - ROWS) + " more"));
    });
  }

  function deals(card, n, edges) {
    var seen = {};
    var list = [];
    if (n.kind === "Deal") list.push(n);
    edges.forEach(function (e) {
      var other = data.nodes[e.from === n.id ? e.to : e.from];
      if (other.kind === "Deal" && !seen[other.id]) { seen[other.id] = true; list.push(other); }
    });
    if (!list.length) return;
    list.sort(function (a, b) { return lastDay(b) < lastDay(a) ? -1 : 1; });
    section(card, n.kind === "Deal" ? "Deal" : "Deals (" + list.length + ")");
    list.slice(0, ROWS * 2).forEach(function (d) {
      var box = el("div", "kg-deal");
      box.appendChild(d.id === n.id ? el("strong", null, d.label) : nodeButton(d));
      var rows = d.props.filter(function (p) { return /^(amount|deal_type|round|valuation)$/.test(p[0]); });
      if (rows.length) box.appendChild(el("div", "kg-meta", rows.map(function (p) { return p[1]; }).join(" \u00B7 ")));
      if (d.events && d.events.length) box.appendChild(eventsLine(d.events));
      card.appendChild(box);
    });
  }

  function lastDay(n) { return n.events && n.events.length ? n.events[n.events.length - 1][0] : ""; }

  function articles(card, edges) {
    var byKey = {};
    edges.forEach(function (e) {
      e.evidence.forEach(function (ev) {
        var key = (ev.url || "") + "|" + ev.title;
        if (!byKey[key]) byKey[key] = ev;
      });
    });
    var list = Object.keys(byKey).map(function (k) { return byKey[k]; });
    if (!list.length) return;
    list.sort(function (a, b) { return a.date < b.date ? 1 : a.date > b.date ? -1 : 0; });
    section(card, "Articles (" + list.length + ")");
    list.slice(0, ARTICLES).forEach(function (ev) {
      var row = el("div", "kg-meta");
      var a = link(ev.title || ev.url, ev.url);
      row.appendChild(a || el("span", null, ev.title));
      var meta = [ev.date, ev.lang].filter(function (p) { return p; }).join(" \u00B7 ");
      if (meta) row.appendChild(document.createTextNode(" \u00B7 " + meta));
      card.appendChild(row);
    });
    if (list.length > ARTICLES) card.appendChild(el("div", "kg-muted", "\u2026 and " + (list.length - ARTICLES) + " more"));
  }

  function action(bar, text, fn) {
    var b = el("button", null, text);
    b.type = "button";
    b.addEventListener("click", fn);
    bar.appendChild(b);
  }

  function nodeDetails(n) {
    var card = nodeCard(n);
    var bar = el("div", "kg-actions");
    action(bar, "Expand neighbours", function () { ctx.onExpand(n.id); });
    action(bar, "Only " + n.kind, function () { ctx.onOnlyKind(n.kind); });
    card.insertBefore(bar, card.children[2] || null);
    var edges = (ctx.adj[n.id] || []).map(function (id) { return data.edges[id]; });
    relations(card, n, edges);
    deals(card, n, edges);
    articles(card, edges);
    return card;
  }

  return { nodeCard: nodeCard, edgeCard: edgeCard, nodeDetails: nodeDetails, el: el };
}
