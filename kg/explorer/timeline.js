// Deals over time: one bar per month, stacked by what happened to deals that month (announced,
// under review, cleared, blocked, ...). Shows the whole graph's deals or the selected entity's;
// a click on a month sets the date filter to it (the graph shows that period), a second click
// clears it.
function kgTimeline(box, ctx) {
  "use strict";
  var data = ctx.data;
  var ORDER = ["announced", "under_review", "pending", "cleared", "completed", "blocked", "cancelled", "rumoured"];
  var months = monthRange();

  function monthRange() {
    var lo = null, hi = null;
    data.nodes.forEach(function (n) {
      (n.events || []).forEach(function (ev) {
        var m = ev[0].slice(0, 7);
        if (!lo || m < lo) lo = m;
        if (!hi || m > hi) hi = m;
      });
    });
    var out = [];
    if (!lo) return out;
    var y = +lo.slice(0, 4), mo = +lo.slice(5, 7);
    var span = (+hi.slice(0, 4) - y) * 12 + (+hi.slice(5, 7) - mo) + 1;
    if (span < 12) {  // at least a year, so a few months do not make giant bars
      mo -= Math.floor((12 - span) / 2);
      while (mo < 1) { mo += 12; y -= 1; }
      span = 12;
    }
    var count = span;
    while (out.length < Math.min(count, 600)) {
      var key = y + "-" + (mo < 10 ? "0" : "") + mo;
      out.push(key);
      mo += 1;
      if (mo > 12) { mo = 1; y += 1; }
    }
    return out;
  }

  function lastDay(month) {
    var y = +month.slice(0, 4), m = +month.slice(5, 7);
    return month + "-" + String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0");
  }

  function counts(deals) {
    var per = {};
    deals.forEach(function (d) {
      (d.events || []).forEach(function (ev) {
        var m = ev[0].slice(0, 7);
        per[m] = per[m] || {};
        per[m][ev[1]] = (per[m][ev[1]] || 0) + 1;
      });
    });
    return per;
  }

  function head(title, deals, period) {
    var el = ctx.el;
    var h = el("div", "kg-tl-head");
    var t = el("strong", null, "Deals over time");
    h.appendChild(t);
    h.appendChild(el("span", null, title + " \u00B7 " + deals.length + " deal(s)"));
    ORDER.forEach(function (s) {
      if (!KG_STATUS[s] || ["pending", "rumoured", "cancelled", "completed"].indexOf(s) >= 0) return;
      var key = el("span", "kg-tl-key");
      var sw = el("span", "kg-swatch");
      sw.style.background = KG_STATUS[s][1];
      key.appendChild(sw);
      key.appendChild(document.createTextNode(KG_STATUS[s][0]));
      h.appendChild(key);
    });
    if (period) {
      var clear = el("button", "kg-link", "clear period " + period.from + " \u2013 " + period.until);
      clear.type = "button";
      clear.id = "kg-tl-clear";
      clear.addEventListener("click", function () { ctx.onPeriod(null); });
      h.appendChild(clear);
    }
    return h;
  }

  function render(deals, title, period) {
    box.replaceChildren(head(title, deals, period));
    if (!months.length) { box.appendChild(ctx.el("div", "kg-muted", "No dated deals.")); return; }
    var per = counts(deals);
    var max = 1;
    months.forEach(function (m) {
      var c = per[m] || {};
      var total = Object.keys(c).reduce(function (s, k) { return s + c[k]; }, 0);
      if (total > max) max = total;
    });
    var bars = ctx.el("div", "kg-tl-bars");
    var axis = ctx.el("div", "kg-tl-axis");
    months.forEach(function (m, i) {
      var c = per[m] || {};
      var bar = ctx.el("button", "kg-tl-bar");
      bar.type = "button";
      bar.setAttribute("data-month", m);
      var parts = [];
      ORDER.concat(Object.keys(c).filter(function (k) { return ORDER.indexOf(k) < 0; })).forEach(function (s) {
        if (!c[s]) return;
        var seg = ctx.el("span");
        seg.style.height = (46 * c[s] / max) + "px";
        seg.style.background = (KG_STATUS[s] || [s, "#777"])[1];
        bar.appendChild(seg);
        parts.push(c[s] + " " + (KG_STATUS[s] || [s])[0]);
      });
      bar.title = m + (parts.length ? ": " + parts.join(", ") : ": no deal");
      if (period && period.from === m + "-01" && period.until === lastDay(m)) bar.classList.add("kg-on");
      bar.addEventListener("click", function () {
        var on = bar.classList.contains("kg-on");
        ctx.onPeriod(on ? null : { from: m + "-01", until: lastDay(m) });
      });
      bars.appendChild(bar);
      if (m.slice(5) === "01" || i === 0) {
        var label = ctx.el("span", null, m.slice(5) === "01" ? m.slice(0, 4) : m);
        label.style.left = (100 * i / months.length) + "%";
        axis.appendChild(label);
      }
    });
    box.appendChild(bars);
    box.appendChild(axis);
  }

  // The selected node's deals (a deal: itself and the deals next to it), or the whole graph's.
  function renderFor(selected, adj, from, until) {
    var period = from && until ? { from: from, until: until } : null;
    if (selected === null) {
      render(data.nodes.filter(function (n) { return n.events; }), "whole graph", period);
      return;
    }
    var n = data.nodes[selected], seen = {}, deals = n.events ? [n] : [];
    adj[selected].forEach(function (eid) {
      var e = data.edges[eid], o = data.nodes[e.from === selected ? e.to : e.from];
      if (o.events && !seen[o.id]) { seen[o.id] = 1; deals.push(o); }
    });
    render(deals, n.label, period);
  }

  return { render: render, renderFor: renderFor };
}
