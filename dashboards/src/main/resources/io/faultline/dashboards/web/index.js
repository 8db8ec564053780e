"use strict";
(() => {
  const {el, $, api, badge, fmtMs, fmtNum, fmtTime, runPage} = FL;
  FL.header("runs");
  const params = new URLSearchParams(location.search);
  const state = {sort: params.get("sort") || "startTime", order: params.get("order") || "desc", page: +(params.get("page") || 1)};
  const selected = new Set();
  const fields = ["q", "verdict", "system", "nemesis", "from", "to", "size"];
  for (const f of fields) if (params.get(f)) $("#" + f).value = params.get(f);
  let facetsFilled = false;

  function query() {
    const p = new URLSearchParams();
    for (const f of fields) { const v = $("#" + f).value; if (v) p.set(f, v); }
    p.set("sort", state.sort); p.set("order", state.order); p.set("page", state.page);
    return p;
  }

  function fillFacets(f) {
    const fill = (id, values, label) => {
      const s = $("#" + id), keep = s.value || params.get(id) || "";
      for (const v of values) if (![...s.options].some(o => o.value === v)) s.append(el("option", {value: v}, label ? label(v) : v));
      s.value = keep;
    };
    fill("verdict", Object.keys(f.verdicts), v => v + " (" + f.verdicts[v] + ")");
    for (const o of $("#verdict").options) if (o.value) o.textContent = o.value + " (" + (f.verdicts[o.value] || 0) + ")";
    fill("system", f.systems);
    fill("nemesis", f.nemeses);
    facetsFilled = true;
  }

  async function load() {
    const p = query();
    history.replaceState(null, "", "?" + p);
    let data;
    try { data = await api("/api/runs?" + p); } catch (e) { FL.showError($("#live"), e); return; }
    fillFacets(data.facets);
    $("#count").textContent = "· " + fmtNum(data.total) + " shown of " + fmtNum(data.runsInStore);
    const body = $("#runs tbody");
    body.replaceChildren(...data.runs.map(r => el("tr", {"data-id": r.id},
      el("td", {}, el("input", {type: "checkbox", checked: selected.has(r.id), onchange: e => toggle(r.id, e.target.checked)})),
      el("td", {}, badge(r.verdict)),
      el("td", {}, el("a", {href: runPage(r.id)}, r.name), el("div", {class: "muted mono"}, r.id.split("/")[1]),
        r.error ? el("div", {class: "err"}, r.error) : null),
      el("td", {}, r.system || "–", r.variant && r.variant !== "faultline" ? el("div", {class: "muted"}, r.variant) : null),
      el("td", {}, r.raft || "–"),
      el("td", {}, r.nemeses.length ? r.nemeses.join(", ") : el("span", {class: "muted"}, "none")),
      el("td", {class: "mono"}, r.seed || "–"),
      el("td", {}, fmtTime(r.startTime)),
      el("td", {class: "num"}, fmtMs(r.durationMs)),
      el("td", {class: "num"}, fmtNum(r.ops)))));
    if (!data.runs.length) body.append(el("tr", {}, el("td", {colspan: 10, class: "muted"}, "No runs match.")));
    const pages = Math.max(1, Math.ceil(data.total / data.size));
    $("#pageinfo").textContent = "page " + data.page + " of " + pages;
    $("#prev").disabled = data.page <= 1;
    $("#next").disabled = data.page >= pages;
    for (const th of document.querySelectorAll("th.sort")) {
      th.textContent = th.textContent.replace(/ [▲▼]$/, "") + (th.dataset.sort === state.sort ? (state.order === "asc" ? " ▲" : " ▼") : "");
    }
    document.body.dataset.ready = "1";
    document.body.dataset.loads = String(+(document.body.dataset.loads || 0) + 1);
  }

  function toggle(id, on) {
    if (on) selected.add(id); else selected.delete(id);
    while (selected.size > 2) selected.delete(selected.values().next().value);
    for (const cb of document.querySelectorAll("#runs tbody input")) cb.checked = selected.has(cb.closest("tr").dataset.id);
    $("#compare").disabled = selected.size !== 2;
    $("#compare").textContent = "Compare selected (" + selected.size + "/2)";
  }

  $("#compare").addEventListener("click", () => {
    const [a, b] = [...selected];
    location.href = "/compare?a=" + encodeURIComponent(a) + "&b=" + encodeURIComponent(b);
  });
  $("#filters").addEventListener("submit", e => { e.preventDefault(); state.page = 1; load(); });
  for (const f of ["verdict", "system", "nemesis", "from", "to", "size"]) $("#" + f).addEventListener("change", () => { state.page = 1; load(); });
  let typing = null;
  $("#q").addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(() => { state.page = 1; load(); }, 250); });
  $("#reset").addEventListener("click", () => { for (const f of fields) $("#" + f).value = f === "size" ? "50" : ""; state.page = 1; load(); });
  $("#prev").addEventListener("click", () => { state.page--; load(); });
  $("#next").addEventListener("click", () => { state.page++; load(); });
  for (const th of document.querySelectorAll("th.sort")) th.addEventListener("click", () => {
    if (state.sort === th.dataset.sort) state.order = state.order === "asc" ? "desc" : "asc";
    else { state.sort = th.dataset.sort; state.order = th.dataset.sort === "name" || th.dataset.sort === "system" ? "asc" : "desc"; }
    load();
  });

  // live: the server says when the store changed (a run appeared, progressed or finished)
  const es = new EventSource("/api/events");
  let pending = null;
  es.addEventListener("store", e => {
    const d = JSON.parse(e.data);
    $("#live").textContent = d.live ? d.live + " run(s) live — updating as they progress" : "";
    clearTimeout(pending);
    pending = setTimeout(load, 100);
  });
  load();
})();
