"use strict";
(() => {
  const {el, $, api, badge, fmtMs, fmtNum, fmtTime, fmtBytes, runPath, REPORT} = FL;
  FL.header("runs");
  const main = $("#run");
  const id = REPORT ? REPORT.id : decodeURIComponent(location.pathname.replace(/^\/runs\//, ""));
  const base = runPath(id);
  const charts = {};
  let run, summary, faults, endS = 0, periods = [], liveTimer = null;

  function card(title, ...kids) { return el("section", {class: "card"}, el("h2", {}, title), ...kids); }
  function fileHref(rel, download) {
    if (REPORT) return rel;
    return "/runs/" + id + "/files/" + rel + (download ? "?download=1" : "");
  }

  const perf = window.__perf = {};
  const mark = k => { perf[k] = Math.round(performance.now()); };
  async function init() {
    mark("start");
    // the small files first: verdict, checkers and counterexample show while the history is summarised
    const summaryP = api(base + "/summary");
    summaryP.catch(() => {});
    try {
      [run, faults] = await Promise.all([api(base), api(base + "/faults")]);
    } catch (e) { FL.showError(main, e); return; }
    mark("data");
    document.title = run.info.name + " · " + run.info.verdict + " · Faultline";
    main.replaceChildren();
    main.append(titleCard(), el("div", {id: "livebox"}), resultsCards(),
      el("div", {id: "plots"}, el("section", {class: "card muted"}, "Summarising the history…")),
      timelineCard(), optionsAndDownloads(), logsCard());
    mark("cards");
    try { summary = await summaryP; } catch (e) { FL.showError($("#plots"), e); return; }
    mark("summary");
    showCounts();
    if (summary.error) $("#title").append(el("p", {class: "err"}, summary.error));
    renderPlots();
    mark("plots");
    loadLogs();
    await initTimeline();
    mark("timeline");
    if (run.info.verdict === "live" && !REPORT) startLive();
    document.body.dataset.ready = "1";
  }

  function titleCard() {
    const i = run.info;
    return el("section", {class: "card", id: "title"},
      el("div", {class: "row", style: "align-items:center;gap:12px"},
        badge(i.verdict, true), el("h1", {style: "margin:0"}, i.name),
        el("span", {class: "muted mono"}, i.id)),
      el("p", {id: "summary-line"}, i.summary || (i.verdict === "live" ? "running: phase " + (i.phase || "?") : i.verdict === "incomplete" ? "no results.json: the harness stopped before the end (faultline analyze RUN_DIR checks what was recorded)" : "")),
      el("div", {class: "kv"},
        el("div", {}, "system"), el("div", {}, [i.system, i.variant ? "(" + i.variant + ")" : ""].join(" ")),
        el("div", {}, "raft"), el("div", {}, i.raft || "–"),
        el("div", {}, "nemeses"), el("div", {}, i.nemeses.join(", ") || "none"),
        el("div", {}, "seed"), el("div", {}, i.seed || "–"),
        el("div", {}, "start"), el("div", {}, fmtTime(i.startTime)),
        el("div", {}, "duration"), el("div", {id: "duration"}, fmtMs(i.durationMs)),
        el("div", {}, "ops completed"), el("div", {id: "ops"}, fmtNum(i.ops))),
      (run.errors || []).map(e => el("p", {class: "err"}, e)));
  }

  function showCounts() {
    const c = summary.counts;
    $("#ops").textContent = fmtNum(c.ok + c.fail + c.info) + "  (ok " + fmtNum(c.ok) + ", fail " + fmtNum(c.fail) + ", info " + fmtNum(c.info) + ")";
  }

  function findCounterexamples(node, path, out) {
    if (!node) return out;
    if (node.counterexample) out.push({path: path.concat(node.checker), cx: node.counterexample});
    (node.children || []).forEach(c => findCounterexamples(c, path.concat(node.checker), out));
    return out;
  }

  function resultTree(node) {
    if (!node) return null;
    const v = node.valid === true ? "valid" : node.valid === false ? "invalid" : "unknown";
    return el("li", {"data-checker": node.checker},
      badge(v), " ", el("b", {}, node.checker || "?"), " ", el("span", {class: "muted"}, node.summary || ""),
      node.details ? el("details", {}, el("summary", {class: "muted"}, "details"), el("pre", {}, JSON.stringify(node.details, null, 2))) : null,
      node.children ? el("ul", {}, node.children.map(resultTree)) : null);
  }

  function resultsCards() {
    const wrap = el("div", {});
    const r = run.results;
    if (!r) {
      wrap.append(card("Checkers", el("p", {class: "muted"}, run.info.verdict === "live" ? "The run is in progress; results appear when it ends." : "No results.json.")));
      return wrap;
    }
    const facts = [];
    if (r.ops) facts.push("ops: total " + fmtNum(r.ops.total) + ", ok " + fmtNum(r.ops.ok) + ", fail " + fmtNum(r.ops.fail) + ", info " + fmtNum(r.ops.info));
    if (r.timing) facts.push("run " + fmtMs(r.timing.runMs) + ", check " + fmtMs(r.timing.checkMs));
    wrap.append(card("Checkers", el("div", {class: "tree", id: "checkers"}, el("ul", {style: "padding-left:0"}, resultTree(r))),
      el("p", {class: "muted"}, facts.join(" · "))));
    const cxs = findCounterexamples(r, [], []);
    if (cxs.length || run.hasLinearHtml) wrap.append(counterexampleCard(cxs));
    return wrap;
  }

  function counterexampleCard(cxs) {
    const c = el("section", {class: "card cx", id: "counterexample"}, el("h2", {}, "Linearizability counterexample"));
    for (const {path, cx} of cxs) {
      c.append(el("p", {}, "Checker ", el("b", {}, path.join(" › ")), ": model ", el("b", {}, cx.model || "?"),
        cx.key !== undefined ? [", key ", el("b", {class: "mono"}, cx.key)] : null, "."),
        el("div", {class: "kv"},
          el("div", {}, "cannot linearize"), el("div", {class: "mono err", id: "cx-failing"}, cx.failing || "?"),
          el("div", {}, "concurrent with it"), el("div", {class: "mono"}, (cx.concurrent || []).length ? el("ul", {style: "margin:0;padding-left:16px"}, (cx.concurrent || []).map(o => el("li", {}, o))) : "none"),
          el("div", {}, "states reachable before it"), el("div", {class: "mono"}, (cx.statesBefore || []).join(", ") || "–"),
          el("div", {}, "longest linearization"), el("div", {}, fmtNum(cx.linearizedCount) + " ops")),
        cx.failingInvokePos !== undefined && !REPORT ? el("p", {}, el("button", {onclick: () => showOp(cx.failingInvokePos)}, "Show the failing op in the process timeline")) : null);
    }
    if (run.hasLinearHtml) {
      const frame = REPORT ? el("iframe", {class: "linear", sandbox: "", title: "counterexample diagram"})
        : el("iframe", {class: "linear", src: fileHref("linear.html"), sandbox: "", title: "counterexample diagram"});
      if (REPORT && REPORT.linearHtml) frame.srcdoc = REPORT.linearHtml;
      c.append(el("p", {class: "muted"}, "The checker's diagram (linear.html): one lane per process, linearization points in green, the op that cannot be linearized in red."), frame);
    }
    return c;
  }

  function optionsAndDownloads() {
    const t = run.test || {};
    const rows = Object.entries(t).map(([k, v]) => el("tr", {}, el("td", {class: "muted"}, k),
      el("td", {class: "mono"}, typeof v === "object" && v !== null ? JSON.stringify(v) : String(v))));
    const files = run.files.map(f => el("tr", {}, el("td", {}, el("a", {href: fileHref(f.path, true)}, f.path)), el("td", {class: "num"}, fmtBytes(f.sizeBytes))));
    return el("div", {class: "row"},
      card("Test options (test.json)", el("table", {id: "options"}, el("tbody", {}, rows))),
      card("Downloads", REPORT ? el("p", {class: "muted"}, "Links are relative to the run directory this report sits in.")
        : el("p", {}, el("a", {href: "/runs/" + id + "/zip", id: "zip"}, "The whole run as a zip"),
          " · ", el("a", {href: fileHref("history.jsonl", true)}, "history"), " · ", el("a", {href: fileHref("results.json", true)}, "results")),
        el("table", {id: "files"}, el("tbody", {}, files))));
  }

  // ---------- plots ----------
  function renderPlots() {
    // the history's own clock (virtual time on the simulator); the wall-clock duration only without ops
    const lastFaultS = Math.max(0, ...(faults.periods || []).map(p => Math.max(p.fromNs, p.toNs || 0) / 1e9));
    endS = summary.lastTimeNs > 0 ? Math.max(summary.lastTimeNs / 1e9, lastFaultS) : Math.max(lastFaultS, (run.info.durationMs || 0) / 1000);
    periods = FL.periodsSec(faults, endS);
    const plots = $("#plots");
    for (const k of Object.keys(charts)) { charts[k].destroy(); delete charts[k]; }
    plots.replaceChildren(faultTimelineCard(),
      el("div", {class: "row"},
        card("Latency over time", FL.faultLegend(periods), el("div", {class: "chart"}, el("canvas", {id: "c-latency"}))),
        card("Latency quantiles", FL.faultLegend(periods), el("div", {class: "chart"}, el("canvas", {id: "c-quantiles"})))),
      el("div", {class: "row"},
        card("Throughput", FL.faultLegend(periods), el("div", {class: "chart"}, el("canvas", {id: "c-throughput"}))),
        card("Latency by operation (ms)", quantileTable())));
    const shade = FL.shadePlugin(periods);
    const shapes = ["circle", "triangle", "rect", "rectRot", "star", "crossRot"];
    const fs = Object.keys(summary.byF);
    charts.latency = FL.chart($("#c-latency"), {type: "scatter", plugins: [shade],
      data: {datasets: summary.latencyPoints.map(s => ({label: s.f + " " + s.type, data: s.points.map(p => ({x: p[0], y: Math.max(p[1], 0.001)})),
        backgroundColor: FL.TYPE_COLORS[s.type], borderColor: FL.TYPE_COLORS[s.type], pointRadius: 2,
        pointStyle: shapes[fs.indexOf(s.f) % shapes.length]}))},
      // {x, y} points as Chart.js stores them: no parsing pass over thousands of points
      options: {scales: {x: FL.linearX("time (s)", endS), y: {type: "logarithmic", title: {display: true, text: "latency (ms)"}}}}});
    const qcolors = {p50: "#0969da", p95: "#bf8700", p99: "#cf222e", max: "#6e7781"};
    const qsets = [];
    for (const [f, q] of Object.entries(summary.latencyQuantiles.byF)) {
      for (const k of ["p50", "p95", "p99", "max"]) {
        qsets.push({label: f + " " + k, data: q.t.map((t, i) => ({x: t, y: Math.max(q[k][i], 0.001)})), borderColor: qcolors[k],
          backgroundColor: qcolors[k], pointRadius: 0, borderWidth: 1.5, borderDash: fs.indexOf(f) % 2 ? [5, 3] : [], hidden: k === "max"});
      }
    }
    charts.quantiles = FL.chart($("#c-quantiles"), {type: "line", plugins: [shade], data: {datasets: qsets},
      options: {scales: {x: FL.linearX("time (s)", endS), y: {type: "logarithmic", title: {display: true, text: "latency (ms)"}}}}});
    const th = summary.throughput;
    charts.throughput = FL.chart($("#c-throughput"), {type: "line", plugins: [shade],
      data: {datasets: ["ok", "fail", "info"].map(k => ({label: k, data: th.t.map((t, i) => ({x: t, y: th[k][i]})), fill: true,
        borderColor: FL.TYPE_COLORS[k], backgroundColor: FL.TYPE_COLORS[k] + "55", pointRadius: 0, borderWidth: 1, stepped: true}))},
      options: {scales: {x: FL.linearX("time (s)", endS), y: {stacked: true, title: {display: true, text: "completions / s (" + th.bucketMs + " ms buckets)"}}}}});
  }

  function quantileTable() {
    const rows = Object.entries(summary.byF).map(([f, s]) => el("tr", {},
      el("td", {}, f), el("td", {class: "num t-valid"}, fmtNum(s.ok)), el("td", {class: "num t-invalid"}, fmtNum(s.fail)), el("td", {class: "num t-unknown"}, fmtNum(s.info)),
      ["p50", "p95", "p99", "p999", "max"].map(k => el("td", {class: "num"}, s.latencyOkMs[k] === null ? "–" : s.latencyOkMs[k]))));
    return el("table", {id: "quantiles"}, el("thead", {}, el("tr", {}, ["f", "ok", "fail", "info", "p50", "p95", "p99", "p99.9", "max"].map((h, i) => el("th", {class: i ? "num" : null}, h)))),
      el("tbody", {}, rows), el("caption", {class: "muted", style: "caption-side:bottom;text-align:left"}, "latency quantiles of ok ops"));
  }

  function faultTimelineCard() {
    const targets = [...new Set(periods.map(p => p.target))].sort();
    const c = card("Fault timeline", el("div", {class: "legend"}, Object.entries(FL.FAULT_SOLID).map(([k, v]) => [el("i", {style: "background:" + v}), k])));
    c.id = "faults";
    if (!periods.length) { c.append(el("p", {class: "muted"}, faults.error || "No faults were injected in this run.")); return c; }
    const bars = periods.map(p => ({lane: p.target, from: p.fromS, to: p.toS, color: FL.FAULT_SOLID[p.fault] || "#999",
      text: p.fault + " on " + p.target + "\n" + p.fromS.toFixed(3) + " s → " + p.toS.toFixed(3) + " s" + (p.detail && p.detail !== "{}" ? "\n" + p.detail : "")}));
    c.append(el("div", {class: "lanes"}, FL.lanes(targets, bars, 0, Math.max(endS, 1e-3), {width: Math.min(1440, main.clientWidth - 40)})));
    if (faults.error) c.append(el("p", {class: "err"}, faults.error));
    return c;
  }

  // ---------- process timeline ----------
  let tl = {from: 0, to: 1, highlight: null};
  const TIMELINE_OPS = 800;  // ops in the first window; the report uses the same (Report.TIMELINE_FIRST_OPS)
  function timelineCard() {
    return el("section", {class: "card", id: "timeline"}, el("h2", {}, "Operations by process"),
      el("div", {class: "row", style: "align-items:center;gap:8px"},
        REPORT ? el("span", {class: "muted"}, "The report holds one window (around the failing op, if any); `faultline serve` browses them all.") : [
          el("button", {id: "tl-prev", onclick: () => shift(-1)}, "‹ earlier"),
          el("button", {id: "tl-zoomin", onclick: () => zoom(0.5)}, "zoom in"),
          el("button", {id: "tl-zoomout", onclick: () => zoom(2)}, "zoom out"),
          el("button", {id: "tl-next", onclick: () => shift(1)}, "later ›")],
        el("span", {class: "muted", id: "tl-info"}),
        el("span", {class: "legend"}, Object.entries(FL.TYPE_COLORS).map(([k, v]) => [el("i", {style: "background:" + v}), k]))),
      el("div", {class: "lanes", id: "tl-lanes", style: "overflow-x:auto"}));
  }

  async function initTimeline() {
    const total = summary.counts.ok + summary.counts.fail + summary.counts.info + summary.counts.pending;
    const firstNs = summary.firstClientTimeNs || 0;
    const spanNs = Math.max(summary.lastTimeNs - firstNs, 1);
    const width = total <= TIMELINE_OPS ? spanNs : Math.max(1e6, spanNs * TIMELINE_OPS / total);
    tl.from = firstNs; tl.to = firstNs + width;
    const cxs = run.results ? findCounterexamples(run.results, [], []) : [];
    if (cxs.length && cxs[0].cx.failingInvokePos !== undefined) tl.highlight = cxs[0].cx.failingInvokePos;
    if (REPORT) { drawTimeline(REPORT.timeline); return; }
    if (cxs.length && cxs[0].cx.failingInvokePos !== undefined) await showOp(cxs[0].cx.failingInvokePos, true);
    else await loadTimeline();
  }

  async function showOp(pos, quiet) {
    let op = null;
    try { op = await api(base + "/op?pos=" + pos); } catch (e) { /* fall through */ }
    if (!op) { await loadTimeline(); return; }
    const w = Math.max(2e6, Math.min(tl.to - tl.from, summary.maxLatencyNs * 6 || 1e9));
    tl.from = Math.max(0, op.timeNs - w / 2); tl.to = tl.from + w; tl.highlight = pos;
    await loadTimeline();
    if (!quiet) $("#timeline").scrollIntoView({behavior: "smooth"});
  }
  function shift(dir) { const w = tl.to - tl.from; tl.from = Math.max(0, tl.from + dir * w * 0.8); tl.to = tl.from + w; loadTimeline(); }
  function zoom(k) { const c = (tl.from + tl.to) / 2, w = Math.max(1e5, (tl.to - tl.from) * k); tl.from = Math.max(0, c - w / 2); tl.to = tl.from + w; loadTimeline(); }

  async function loadTimeline() {
    if (REPORT) return;
    try {
      drawTimeline(await api(base + "/timeline?fromNs=" + Math.floor(tl.from) + "&toNs=" + Math.ceil(tl.to) + "&limit=3000"));
    } catch (e) { $("#tl-lanes").replaceChildren(el("p", {class: "err"}, e.message)); }
  }

  function drawTimeline(t) {
    tl.from = t.fromNs; tl.to = t.toNs;
    const procs = [...new Set(t.ops.map(o => o.p))].sort((a, b) => a - b);
    const showNem = t.nemesis.length > 0;
    const laneNames = procs.map(p => "process " + p).concat(showNem ? ["nemesis"] : []);
    const x0 = t.fromNs / 1e9, x1 = t.toNs / 1e9;
    const str = v => v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
    const bars = t.ops.map(o => ({lane: "process " + o.p, from: o.s / 1e9, to: (o.e === null ? t.toNs : o.e) / 1e9,
      color: FL.TYPE_COLORS[o.type] || "#999", dashed: o.e === null, bold: o.pos === tl.highlight, cls: o.pos === tl.highlight ? "highlight" : null,
      text: "[" + o.pos + "] process " + o.p + " " + o.f + " " + str(o.v) + "\n→ " + o.type + " " + str(o.r) + (o.error ? " error " + str(o.error) : "") +
        (o.node ? "\nnode " + o.node : "") + "\n" + (o.s / 1e6).toFixed(3) + " ms → " + (o.e === null ? "never completed" : (o.e / 1e6).toFixed(3) + " ms (" + ((o.e - o.s) / 1e6).toFixed(3) + " ms)")}));
    for (const n of t.nemesis) bars.push({lane: "nemesis", from: n.t / 1e9, to: n.t / 1e9 + (x1 - x0) / 300, color: "#24292f", text: n.f + " " + str(n.v)});
    $("#tl-info").textContent = (t.fromNs / 1e9).toFixed(3) + " s – " + (t.toNs / 1e9).toFixed(3) + " s · " + t.ops.length + " ops" + (t.truncated ? " (truncated: zoom in)" : "");
    $("#tl-lanes").replaceChildren(laneNames.length ? FL.lanes(laneNames, bars, x0, x1, {width: Math.min(1440, main.clientWidth - 40), laneH: 16})
      : el("p", {class: "muted"}, "No operations in this window."));
  }

  // ---------- logs ----------
  let logState = {path: null, q: "", offset: 0, page: 200, list: []};
  function logsCard() {
    return el("section", {class: "card", id: "logs"}, el("h2", {}, "Logs"),
      el("form", {class: "filters", onsubmit: e => { e.preventDefault(); logState.q = $("#log-q").value; logState.offset = 0; loadLog(); }},
        el("label", {}, "File", el("select", {id: "log-file", onchange: e => { logState.path = e.target.value; logState.offset = 0; loadLog(); }})),
        el("label", {}, "Search", el("input", {id: "log-q", placeholder: "text to find", size: 30})),
        el("button", {type: "submit"}, "Search"),
        el("button", {type: "button", id: "log-prev", onclick: () => { logState.offset = Math.max(0, logState.offset - logState.page); loadLog(); }}, "‹"),
        el("button", {type: "button", id: "log-next", onclick: () => { logState.offset += logState.page; loadLog(); }}, "›"),
        el("span", {class: "muted", id: "log-info"})),
      el("div", {class: "log", id: "log-lines"}));
  }

  async function loadLogs() {
    try { logState.list = REPORT ? REPORT.logs.list : await api(base + "/logs"); } catch (e) { $("#log-info").textContent = e.message; return; }
    const sel = $("#log-file");
    sel.replaceChildren(...logState.list.map(l => el("option", {value: l.path}, l.path + " (" + fmtBytes(l.sizeBytes) + ")")));
    if (!logState.list.length) { $("#log-info").textContent = "no logs in this run"; return; }
    logState.path = logState.list[0].path;
    loadLog();
  }

  async function loadLog() {
    let page;
    try {
      if (REPORT) {
        const all = REPORT.logs.pages[logState.path] || {lines: [], linesInFile: 0};
        const q = logState.q.toLowerCase();
        const hits = all.lines.filter(l => !q || l[1].toLowerCase().includes(q));
        page = {lines: hits.slice(logState.offset, logState.offset + logState.page), matches: hits.length, linesInFile: all.linesInFile, note: all.note};
      } else {
        page = await api(base + "/log?path=" + encodeURIComponent(logState.path) + "&q=" + encodeURIComponent(logState.q) + "&offset=" + logState.offset + "&limit=" + logState.page);
      }
    } catch (e) { $("#log-info").textContent = e.message; return; }
    const q = logState.q;
    $("#log-lines").replaceChildren(...page.lines.map(([n, text]) => {
      const d = el("div", {}, el("span", {class: "ln"}, n));
      if (q) {
        const lo = text.toLowerCase(), ql = q.toLowerCase();
        let i = 0, j;
        while ((j = lo.indexOf(ql, i)) >= 0) { d.append(text.slice(i, j), el("mark", {}, text.slice(j, j + q.length))); i = j + q.length; }
        d.append(text.slice(i));
      } else d.append(text);
      return d;
    }));
    $("#log-info").textContent = (q ? fmtNum(page.matches) + " matching lines of " : "") + fmtNum(page.linesInFile) + " lines; showing " +
      (page.lines.length ? (logState.offset + 1) + "–" + (logState.offset + page.lines.length) : "none") + (page.note ? " · " + page.note : "");
    $("#log-prev").disabled = logState.offset <= 0;
    $("#log-next").disabled = logState.offset + logState.page >= page.matches;
  }

  // ---------- live ----------
  function startLive() {
    const box = $("#livebox");
    box.replaceChildren(el("section", {class: "card", id: "live", style: "border-left:4px solid var(--live)"},
      el("h2", {}, "Live ", el("span", {class: "muted", id: "live-phase"})),
      ["ops", "ok", "fail", "info", "opsPerSec"].map(k => el("span", {class: "stat"}, el("b", {id: "live-" + k}, "–"), k === "opsPerSec" ? "ops/s" : k)),
      el("p", {}, "Active faults: ", el("span", {id: "live-faults"}, "–")), el("p", {class: "muted", id: "live-updated"})));
    const es = new EventSource(base + "/events");
    es.addEventListener("progress", e => {
      const d = JSON.parse(e.data), p = d.progress || {};
      for (const k of ["ops", "ok", "fail", "info"]) $("#live-" + k).textContent = fmtNum(p[k]);
      $("#live-opsPerSec").textContent = p.opsPerSec === undefined ? "–" : Number(p.opsPerSec).toFixed(1);
      $("#live-phase").textContent = "phase " + (p.phase || "?") + " · " + fmtMs(p.elapsedMs) + (p.timeLimitS ? " of " + p.timeLimitS + " s" : "");
      $("#live-faults").textContent = (p.activeFaults || []).join(", ") || "none";
      $("#live-updated").textContent = "progress.json updated " + fmtTime(p.updatedAt);
      $("#duration").textContent = fmtMs(d.info.durationMs);
    });
    es.addEventListener("done", async () => { es.close(); clearInterval(liveTimer); await init(); });
    liveTimer = setInterval(refreshLive, 2000);
  }

  async function refreshLive() {
    try {
      [summary, faults] = await Promise.all([api(base + "/summary"), api(base + "/faults")]);
      renderPlots();
      showCounts();
      const total = summary.counts.ok + summary.counts.fail + summary.counts.info;
      if (total <= TIMELINE_OPS) { tl.from = summary.firstClientTimeNs || 0; tl.to = Math.max(summary.lastTimeNs, tl.from + 1); loadTimeline(); }
    } catch (e) { /* the next tick retries */ }
  }

  init();
})();
