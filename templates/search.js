// Offline full-text search. The index is defined by search-index.js as
// window.DOSSIER_SEARCH (no fetch: browsers block it on file://).
(function () {
  "use strict";
  var index = window.DOSSIER_SEARCH || { docs: [] };
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list) return;

  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
  }
  var docs = index.docs.map(function (d) {
    return { d: d, title: fold(d.title), text: fold(d.text) };
  });

  function snippet(doc, terms) {
    var text = doc.d.text, folded = doc.text, at = -1, len = 0;
    for (var i = 0; i < terms.length; i++) {
      var p = folded.indexOf(terms[i]);
      if (p >= 0 && (at < 0 || p < at)) { at = p; len = terms[i].length; }
    }
    if (at < 0) return { before: text.slice(0, 160), hit: "", after: "" };
    var start = Math.max(0, at - 70), end = Math.min(text.length, at + len + 90);
    return {
      before: (start > 0 ? "…" : "") + text.slice(start, at),
      hit: text.slice(at, at + len),
      after: text.slice(at + len, end) + (end < text.length ? "…" : "")
    };
  }

  function run(query) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var terms = fold(query).split(/\s+/).filter(function (t) { return t.length > 0; });
    if (!terms.length) { status.textContent = ""; return; }
    var hits = [];
    docs.forEach(function (doc) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i], inTitle = doc.title.indexOf(t) >= 0, inText = doc.text.indexOf(t) >= 0;
        if (!inTitle && !inText) return;
        score += (inTitle ? 10 : 0) + (inText ? 1 : 0);
      }
      hits.push({ doc: doc, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.doc.d.title.localeCompare(b.doc.d.title); });
    status.textContent = hits.length + (hits.length === 1 ? " result" : " results") + " for “" + query + "”";
    hits.slice(0, 100).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.doc.d.url;
      a.textContent = h.doc.d.title;
      var kind = document.createElement("span");
      kind.className = "tag";
      kind.textContent = h.doc.d.kind;
      var p = document.createElement("p");
      var s = snippet(h.doc, terms);
      p.appendChild(document.createTextNode(s.before));
      var mark = document.createElement("mark");
      mark.textContent = s.hit;
      p.appendChild(mark);
      p.appendChild(document.createTextNode(s.after));
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(kind);
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  run(initial);
  var header = document.getElementById("site-search-q");
  if (header) header.value = initial;
  input.addEventListener("input", function () { run(input.value); });
  input.form.addEventListener("submit", function (e) {
    e.preventDefault();
    run(input.value);
    if (window.history && window.history.replaceState) {
      try { window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (err) { /* file:// may refuse */ }
    }
  });
})();
