"use strict";
(async () => {
  const {el, $, api, badge} = FL;
  FL.header("trends");
  let data;
  try { data = await api("/api/trends"); } catch (e) { FL.showError($("#trends"), e); return; }
  const palette = ["#0969da", "#cf222e", "#1a7f37", "#bf8700", "#8250df", "#e16f24", "#1b7c83", "#6e7781", "#bf3989", "#4d2d00"];
  const systems = [...new Set(data.groups.map(g => g.group.split(" | ")[0]))].sort();
  const nemeses = [...new Set(data.groups.map(g => g.group.split(" | ")[1]))].sort();
  systems.forEach(s => $("#t-system").append(el("option", {value: s}, s)));
  nemeses.forEach(s => $("#t-nemesis").append(el("option", {value: s}, s)));
  const charts = {};
  const time = iso => Date.parse(iso);
  const xAxis = {type: "linear", ticks: {callback: v => new Date(v).toISOString().slice(0, 16).replace("T", " ")}, title: {display: true, text: "run start (UTC)"}};
  function draw() {
    const sys = $("#t-system").value, nem = $("#t-nemesis").value, win = +$("#t-window").value;
    const groups = data.groups.filter(g => (!sys || g.group.startsWith(sys + " | ")) && (!nem || g.group.endsWith(" | " + nem)));
    $("#t-info").textContent = data.runsCounted + " finished runs in " + data.groups.length + " groups";
    const sets = (fn) => groups.map((g, i) => ({label: g.group, data: fn(g), borderColor: palette[i % palette.length],
      backgroundColor: palette[i % palette.length], pointRadius: 2, borderWidth: 1.5, spanGaps: true}));
    const rolling = g => g.runs.map((r, i) => {
      const w = g.runs.slice(Math.max(0, i - win + 1), i + 1);
      return {x: time(r.startTime), y: w.filter(x => x.verdict === "valid").length / w.length};
    });
    for (const c of Object.values(charts)) c.destroy();
    charts.pass = FL.chart($("#c-pass"), {type: "line", data: {datasets: sets(rolling)}, options: {scales: {x: xAxis, y: {min: 0, max: 1}}}});
    charts.tput = FL.chart($("#c-tput"), {type: "line", data: {datasets: sets(g => g.runs.filter(r => r.opsPerSec !== null).map(r => ({x: time(r.startTime), y: r.opsPerSec})))}, options: {scales: {x: xAxis}}});
    charts.p99 = FL.chart($("#c-p99"), {type: "line", data: {datasets: sets(g => g.runs.filter(r => r.p99OkMs !== null).map(r => ({x: time(r.startTime), y: r.p99OkMs})))}, options: {scales: {x: xAxis, y: {type: "logarithmic"}}}});
    $("#groups tbody").replaceChildren(...groups.map(g => el("tr", {}, el("td", {}, g.group), el("td", {class: "num"}, g.runs.length),
      el("td", {class: "num"}, g.passRate === null ? "–" : (g.passRate * 100).toFixed(1) + " %"),
      el("td", {class: "num"}, g.runs.length ? badge(g.runs[g.runs.length - 1].verdict) : "–"))));
    document.body.dataset.ready = "1";
  }
  for (const id of ["#t-system", "#t-nemesis", "#t-window"]) $(id).addEventListener("change", draw);
  draw();
})();
