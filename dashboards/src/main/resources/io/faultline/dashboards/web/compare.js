"use strict";
(async () => {
  const {el, $, api, badge, fmtMs, fmtNum, fmtTime, runPath, runPage} = FL;
  FL.header("runs");
  const main = $("#compare");
  const p = new URLSearchParams(location.search);
  const ids = [p.get("a"), p.get("b")];
  if (!ids[0] || !ids[1]) { FL.showError(main, "choose two runs on the runs page"); return; }
  let runs;
  try {
    runs = await Promise.all(ids.map(async id => ({id, run: await api(runPath(id)), summary: await api(runPath(id) + "/summary"), faults: await api(runPath(id) + "/faults")})));
  } catch (e) { FL.showError(main, e); return; }
  const colors = ["#0969da", "#cf222e"];
  const head = el("tr", {}, el("th", {}, ""), runs.map((r, i) => el("th", {style: "color:" + colors[i]}, el("a", {href: runPage(r.id)}, r.id))));
  const row = (label, f, mono) => {
    const vals = runs.map(f);
    const differ = JSON.stringify(vals[0]) !== JSON.stringify(vals[1]);
    return el("tr", {class: differ ? "diff" : null}, el("td", {class: "muted"}, label),
      vals.map(v => el("td", {class: (differ ? "d " : "") + (mono ? "mono" : "")}, v instanceof Node ? v : v === null || v === undefined ? "–" : String(v))));
  };
  const keys = [...new Set(runs.flatMap(r => Object.keys(r.run.test || {})))];
  const q = (r, f, k) => { const s = r.summary.byF[f]; return s ? s.latencyOkMs[k] : null; };
  const fs = [...new Set(runs.flatMap(r => Object.keys(r.summary.byF)))];
  main.append(el("section", {class: "card"}, el("table", {id: "compare-table"}, el("thead", {}, head), el("tbody", {},
    row("verdict", r => badge(r.run.info.verdict)),
    row("summary", r => r.run.info.summary),
    row("start", r => fmtTime(r.run.info.startTime)),
    row("duration", r => fmtMs(r.run.info.durationMs)),
    row("ops completed", r => fmtNum(r.summary.counts.ok + r.summary.counts.fail + r.summary.counts.info)),
    row("ok / fail / info", r => [r.summary.counts.ok, r.summary.counts.fail, r.summary.counts.info].map(fmtNum).join(" / ")),
    row("throughput (ops/s)", r => r.run.info.opsPerSec < 0 ? "–" : r.run.info.opsPerSec.toFixed(1)),
    fs.flatMap(f => ["p50", "p99", "max"].map(k => row(f + " latency " + k + " (ms)", r => q(r, f, k)))),
    row("fault periods", r => r.faults.periods.length),
    keys.map(k => row("test." + k, r => { const v = (r.run.test || {})[k]; return typeof v === "object" && v !== null ? JSON.stringify(v) : v; }, true))))));
  const endS = Math.max(...runs.map(r => r.summary.lastTimeNs / 1e9));
  const card = (title, id) => el("section", {class: "card"}, el("h2", {}, title), el("div", {class: "chart"}, el("canvas", {id})));
  main.append(el("div", {class: "row"}, card("Throughput (completions/s)", "c-tp"), card("p99 latency of the first op type (ms)", "c-p99")));
  FL.chart($("#c-tp"), {type: "line", data: {datasets: runs.map((r, i) => {
    const t = r.summary.throughput;
    return {label: r.id, data: t.t.map((x, j) => ({x, y: t.ok[j] + t.fail[j] + t.info[j]})), borderColor: colors[i], pointRadius: 0, borderWidth: 1.5};
  })}, options: {scales: {x: FL.linearX("time (s)", endS)}}});
  FL.chart($("#c-p99"), {type: "line", data: {datasets: runs.map((r, i) => {
    const f = Object.keys(r.summary.latencyQuantiles.byF)[0], qq = f ? r.summary.latencyQuantiles.byF[f] : {t: [], p99: []};
    return {label: r.id + (f ? " " + f : ""), data: qq.t.map((x, j) => ({x, y: qq.p99[j]})), borderColor: colors[i], pointRadius: 0, borderWidth: 1.5};
  })}, options: {scales: {x: FL.linearX("time (s)", endS), y: {type: "logarithmic"}}}});
  document.body.dataset.ready = "1";
})();
