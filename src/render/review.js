"use strict";
(function () {
  const data = JSON.parse(document.getElementById("mtclean-data").textContent);
  const state = data.map((a) => a.decisions.map((d) => (d.accepted ? "accepted" : "rejected")));
  // Choices made since the article's last export; kept, with the choices, in the browser's
  // storage under the article's key (a hash of its text and changes), so a reload loses nothing.
  const unexported = data.map(() => false);
  const storageKey = (i) => "mtclean-review:" + data[i].key;

  function store(i) {
    try {
      localStorage.setItem(storageKey(i), JSON.stringify({ choices: state[i], unexported: unexported[i] }));
    } catch (e) { /* storage off (private mode): choices live until the page closes */ }
  }

  function restore(i) {
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(storageKey(i)) || "null"); } catch (e) { return; }
    if (!saved || !Array.isArray(saved.choices) || saved.choices.length !== state[i].length) return;
    saved.choices.forEach((choice, d) => {
      if (choice === "accepted" || choice === "rejected") set(i, d, choice, true);
    });
    unexported[i] = Boolean(saved.unexported);
  }

  function cleaned(i) {
    let out = "";
    for (const [piece, d, text] of data[i].segments) {
      if (piece === "same") out += text;
      else if (piece === "old" && state[i][d] !== "accepted") out += text;
      else if (piece === "new" && state[i][d] === "accepted") out += text;
    }
    return out;
  }

  function decisionsFile(i) {
    return {
      version: 1,
      article: data[i].name,
      decisions: data[i].decisions.map((d, k) => ({
        rule: d.rule, start: d.start, end: d.end, before: d.before, after: d.after, choice: state[i][k],
      })),
      rules: {},
    };
  }

  function base(name) {
    return (name.split(/[\\/]/).pop() || "article").replace(/\.[^.]*$/, "");
  }

  function download(filename, text, type) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type }));
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function exportDecisions(i) {
    download(base(data[i].name) + ".decisions.json", JSON.stringify(decisionsFile(i), null, 2) + "\n", "application/json");
    unexported[i] = false;
    store(i);
  }

  function changeEl(i, d) { return document.getElementById("c" + i + "-" + d); }

  function set(i, d, choice, restoring) {
    if (!data[i].decisions[d].suggestion) return;
    state[i][d] = choice;
    if (!restoring) { unexported[i] = true; store(i); }
    const el = changeEl(i, d);
    el.classList.toggle("accepted", choice === "accepted");
    el.classList.toggle("rejected", choice !== "accepted");
    const button = el.querySelector(".tog");
    button.setAttribute("aria-pressed", String(choice === "accepted"));
    button.textContent = choice === "accepted" ? "✓ accepted" : "✗ rejected";
    counts(i);
  }

  function counts(i) {
    const all = Array.from(document.querySelectorAll('.chg[data-article="' + i + '"]'));
    const by = (app) => data[i].decisions.filter((d) => d.applicability === app).length;
    const shown = all.filter((el) => !el.classList.contains("filtered")).length;
    const accepted = state[i].filter((s, k) => s === "accepted" && data[i].decisions[k].suggestion).length;
    document.getElementById("counts" + i).textContent =
      all.length + " changes: " + by("safe") + " safe, " + by("unsafe") + " unsafe, " +
      by("display-only") + " display-only; " + shown + " shown; " + accepted + " accepted";
  }

  function applyFilters() {
    const on = (kind) => new Set(Array.from(document.querySelectorAll('input[data-filter="' + kind + '"]'))
      .filter((x) => x.checked).map((x) => x.value));
    const apps = on("app"), families = on("family");
    for (const el of document.querySelectorAll(".chg")) {
      el.classList.toggle("filtered", !(apps.has(el.dataset.app) && families.has(el.dataset.family)));
    }
    data.forEach((_, i) => counts(i));
  }

  function visible() {
    return Array.from(document.querySelectorAll(".chg:not(.filtered) .tog"));
  }

  function current() {
    const el = document.activeElement && document.activeElement.closest(".chg");
    return el ? [Number(el.dataset.article), Number(el.dataset.decision)] : null;
  }

  document.addEventListener("click", (event) => {
    const t = event.target.closest("button");
    if (!t) return;
    if (t.classList.contains("tog")) {
      const el = t.closest(".chg");
      const i = Number(el.dataset.article), d = Number(el.dataset.decision);
      set(i, d, state[i][d] === "accepted" ? "rejected" : "accepted");
    } else if (t.dataset.download !== undefined) {
      const i = Number(t.dataset.download);
      download(base(data[i].name) + ".cleaned.txt", cleaned(i), "text/plain;charset=utf-8");
    } else if (t.dataset.export !== undefined) {
      exportDecisions(Number(t.dataset.export));
    } else if (t.dataset.exportAll !== undefined) {
      data.forEach((_, i) => exportDecisions(i));
    } else if (t.dataset.all !== undefined) {
      const i = Number(t.dataset.all);
      for (const el of document.querySelectorAll('.chg[data-article="' + i + '"]:not(.filtered)')) {
        set(i, Number(el.dataset.decision), t.dataset.to);
      }
    }
  });

  document.addEventListener("change", (event) => {
    if (event.target.matches("input[data-filter]")) applyFilters();
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.matches && event.target.matches("input, textarea")) return;
    const key = event.key;
    if (key === "j" || key === "k") {
      const list = visible();
      if (!list.length) return;
      const at = list.indexOf(document.activeElement);
      const next = at < 0 ? (key === "j" ? 0 : list.length - 1)
        : Math.min(list.length - 1, Math.max(0, at + (key === "j" ? 1 : -1)));
      list[next].focus();
      list[next].scrollIntoView({ block: "center" });
      event.preventDefault();
    } else if (key === "a" || key === "r") {
      const at = current();
      if (at) { set(at[0], at[1], key === "a" ? "accepted" : "rejected"); event.preventDefault(); }
    }
  });

  // Leaving with choices not yet exported asks first (the browser's own dialog).
  window.addEventListener("beforeunload", (event) => {
    if (unexported.some(Boolean)) { event.preventDefault(); event.returnValue = ""; }
  });

  data.forEach((_, i) => { restore(i); counts(i); });
  window.mtclean = { cleaned, decisionsFile, unexported };
})();
