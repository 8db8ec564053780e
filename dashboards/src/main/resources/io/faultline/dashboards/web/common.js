/* Faultline dashboards: shared helpers. Plain JS, no build step. */
"use strict";
const FL = (() => {
  const REPORT = window.FL_REPORT || null;   // set in report.html: the data is embedded, no server
  const FAULT_COLORS = {partition: "rgba(207,34,46,0.13)", kill: "rgba(130,80,223,0.15)", pause: "rgba(191,135,0,0.16)",
    clock: "rgba(9,105,218,0.12)", loss: "rgba(26,127,55,0.13)", delay: "rgba(110,119,129,0.16)"};
  const FAULT_SOLID = {partition: "#cf222e", kill: "#8250df", pause: "#bf8700", clock: "#0969da", loss: "#1a7f37", delay: "#6e7781"};
  const TYPE_COLORS = {ok: "#1a7f37", fail: "#cf222e", info: "#bf8700", pending: "#8c959f"};

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const k of kids.flat(Infinity)) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : String(k));
    return e;
  }
  const $ = (sel, root) => (root || document).querySelector(sel);

  async function api(path) {
    if (REPORT) {
      if (!(path in REPORT.api)) throw new Error("not included in this report: " + path);
      return REPORT.api[path];
    }
    const r = await fetch(path, {headers: {Accept: "application/json"}});
    if (!r.ok) {
      let msg = r.status + " " + r.statusText;
      try { msg = (await r.json()).error || msg; } catch (e) { /* not JSON */ }
      throw new Error(path + ": " + msg);
    }
    return r.json();
  }

  function runPath(id) { return "/api/runs/" + id.split("/").map(encodeURIComponent).join("/"); }
  function runPage(id) { return "/runs/" + id.split("/").map(encodeURIComponent).join("/"); }

  function badge(verdict, big) {
    return el("span", {class: "badge v-" + (verdict || "unknown") + (big ? " big" : ""), "data-verdict": verdict}, verdict || "?");
  }
  function fmtMs(ms) {
    if (ms === null || ms === undefined || ms < 0) return "–";
    if (ms < 1000) return ms + " ms";
    const s = ms / 1000;
    if (s < 120) return s.toFixed(1) + " s";
    const m = Math.floor(s / 60);
    return m < 120 ? m + " min " + Math.round(s % 60) + " s" : (m / 60).toFixed(1) + " h";
  }
  function fmtNum(n) { return n === null || n === undefined || n < 0 ? "–" : Number(n).toLocaleString("en-US"); }
  function fmtTime(iso) { return iso ? iso.replace("T", " ").replace(/\.\d+Z$/, "Z") : "–"; }
  function fmtBytes(b) {
    if (b < 1024) return b + " B";
    if (b < 1 << 20) return (b / 1024).toFixed(1) + " KiB";
    if (b < 1 << 30) return (b / 1048576).toFixed(1) + " MiB";
    return (b / 1073741824).toFixed(2) + " GiB";
  }

  function header(active) {
    const nav = REPORT ? el("nav", {}, el("span", {class: "muted"}, "report (no server needed)"))
      : el("nav", {}, el("a", {href: "/", class: active === "runs" ? "on" : null}, "Runs"),
        el("a", {href: "/trends", class: active === "trends" ? "on" : null}, "Trends"));
    document.body.prepend(el("header", {class: "top"},
      el("a", {class: "brand", href: REPORT ? "#" : "/"}, "fault", el("span", {}, "line")), nav));
  }

  function showError(where, err) {
    where.append(el("p", {class: "err"}, String(err && err.message || err)));
  }

  /** Fault periods as {fault, fromS, toS}; open periods end at endS. */
  function periodsSec(faults, endS) {
    return (faults && faults.periods || []).map(p => ({fault: p.fault, target: p.target,
      fromS: p.fromNs / 1e9, toS: p.toNs === null ? endS : p.toNs / 1e9, detail: p.detail}));
  }

  /** A Chart.js plugin that shades fault periods behind the data. */
  function shadePlugin(periods) {
    return {id: "faultShade", beforeDatasetsDraw(chart) {
      const x = chart.scales.x, a = chart.chartArea, ctx = chart.ctx;
      ctx.save();
      const seen = new Set();
      for (const p of periods) {
        const key = p.fault + p.fromS + ":" + p.toS;
        if (seen.has(key)) continue;  // one shade per fault interval, not per target
        seen.add(key);
        const x1 = Math.max(a.left, x.getPixelForValue(p.fromS)), x2 = Math.min(a.right, x.getPixelForValue(p.toS));
        if (x2 <= x1) continue;
        ctx.fillStyle = FAULT_COLORS[p.fault] || "rgba(0,0,0,0.08)";
        ctx.fillRect(x1, a.top, x2 - x1, a.bottom - a.top);
      }
      ctx.restore();
    }};
  }

  function faultLegend(periods) {
    const kinds = [...new Set(periods.map(p => p.fault))];
    if (!kinds.length) return el("span", {class: "legend"}, "no faults");
    return el("span", {class: "legend"}, "shaded:", kinds.map(k => [el("i", {style: "background:" + (FAULT_SOLID[k] || "#999")}), k]));
  }

  function chart(canvas, config) {
    if (!window.Chart) throw new Error("the chart library did not load");
    config.options = Object.assign({animation: false, responsive: true, maintainAspectRatio: false, parsing: true,
      plugins: {legend: {labels: {boxWidth: 12}}}}, config.options || {});
    return new Chart(canvas, config);
  }

  function linearX(title, max) {
    return {type: "linear", title: {display: true, text: title}, min: 0, max: max};
  }

  /** A tooltip that follows the mouse for SVG lanes. */
  let tipEl = null;
  function tip(evt, text) {
    if (!tipEl) { tipEl = el("div", {class: "tip hidden"}); document.body.append(tipEl); }
    if (!text) { tipEl.classList.add("hidden"); return; }
    tipEl.textContent = text;
    tipEl.classList.remove("hidden");
    tipEl.style.left = Math.min(window.innerWidth - 540, evt.clientX + 12) + "px";
    tipEl.style.top = (evt.clientY + 14) + "px";
  }

  const SVGNS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }

  /**
   * Lanes of bars: lanes = [name], bars = [{lane, from, to, color, text, dashed, bold}] in the units
   * of [x0, x1]; returns an SVG element sized to width.
   */
  function lanes(laneNames, bars, x0, x1, opts) {
    const o = Object.assign({width: 1100, laneH: 18, left: 90, unit: "s"}, opts || {});
    const h = laneNames.length * o.laneH + 24;
    const s = svg("svg", {width: o.width, height: h, viewBox: "0 0 " + o.width + " " + h});
    const span = Math.max(1e-9, x1 - x0), w = o.width - o.left - 10;
    const px = v => o.left + (Math.min(Math.max(v, x0), x1) - x0) / span * w;
    const idx = new Map(laneNames.map((n, i) => [n, i]));
    laneNames.forEach((n, i) => {
      const t = svg("text", {x: 4, y: i * o.laneH + 13});
      t.textContent = n;
      s.append(t);
      s.append(svg("line", {x1: o.left, x2: o.width - 10, y1: i * o.laneH + o.laneH - 1, y2: i * o.laneH + o.laneH - 1, stroke: "#eaeef2"}));
    });
    for (let k = 0; k <= 10; k++) {
      const v = x0 + span * k / 10, x = px(v), y = laneNames.length * o.laneH;
      s.append(svg("line", {x1: x, x2: x, y1: 0, y2: y + 3, stroke: "#eaeef2"}));
      const t = svg("text", {x: x - 12, y: y + 16});
      t.textContent = (span < 0.02 ? (v * 1000).toFixed(2) + "ms" : span < 2 ? (v * 1000).toFixed(0) + "ms" : v.toFixed(1) + o.unit);
      s.append(t);
    }
    for (const b of bars) {
      const i = idx.get(b.lane);
      if (i === undefined) continue;
      const a = px(b.from), z = px(b.to);
      const r = svg("rect", {x: a, y: i * o.laneH + 3, width: Math.max(2, z - a), height: o.laneH - 6, rx: 2,
        fill: b.color, "fill-opacity": b.dashed ? 0.35 : 0.85, stroke: b.bold ? "#000" : b.color,
        "stroke-width": b.bold ? 2 : 0.5});
      if (b.dashed) r.setAttribute("stroke-dasharray", "3 2");
      if (b.cls) r.setAttribute("class", b.cls);
      r.__tip = b.text;
      s.append(r);
    }
    // one listener for all bars (thousands of them)
    s.addEventListener("mousemove", e => tip(e, e.target.__tip || null));
    s.addEventListener("mouseleave", e => tip(e, null));
    return s;
  }

  return {REPORT, el, $, api, runPath, runPage, badge, fmtMs, fmtNum, fmtTime, fmtBytes, header, showError,
    periodsSec, shadePlugin, faultLegend, chart, linearX, lanes, tip, FAULT_SOLID, TYPE_COLORS};
})();
