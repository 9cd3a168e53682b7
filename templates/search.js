// Offline full-text search. `dossier build` writes the index into search/
// (see src/render/search/): meta.js, loaded first, then the shards that
// hold the words typed and the fragments that hold the results shown, each
// loaded when needed as a <script> (browsers refuse to fetch on file://).
// Words are cut and folded exactly as src/render/search/tokens.rs does.
// A result has every word of the query (the last one, while it is being
// typed, also as the start of a longer word) and is ranked by BM25, a word
// in a title, name or alias counting more (see NAME_BONUS).
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var kindsBox = document.getElementById("search-kinds");
  var more = document.getElementById("search-more");
  if (!input || !list || !status) return;

  var K1 = 1.2, B = 0.75;          // BM25, each kind's lengths against its own average
  // A word in the name (a title, or an actor's or event's name) adds more
  // than the most it can add in the text (K1 + 1): a page with the query in
  // its title comes before pages that only mention it. A word of an alias
  // only adds ALIAS_BONUS: "Tokayev's predecessor" is not Tokayev. A word
  // that by itself names an item (a one-word name or alias, a person's
  // surname, an organisation's acronym: level 3 in the index, see
  // src/render/search/postings.rs) adds NAMED_BONUS more, so that an actor
  // named by the query comes before every other page.
  var NAME_BONUS = { actor: 5.5, event: 3.2, article: 2.8, page: 2.8, note: 2.8 };
  var ALIAS_BONUS = 1.2, NAMED_BONUS = 8;
  var PREFIX_WEIGHT = 0.6;         // a longer word matched by its start
  var MAX_PREFIX_SHARDS = 12;      // beyond that, a short prefix is a whole word only
  var PAGE = 10;                   // results shown at once
  var DEBOUNCE_MS = 30;
  // The status line is a live region: while the query is being typed it is
  // said once typing pauses, not at every key (the results follow each key).
  var STATUS_MS = 500;
  // The interface's words come from the page (search.html's `data-`
  // attributes on #search-status, from the dossier's strings table); a
  // theme's own search.html without them gets the English ones.
  var WORDS = status.dataset;
  function word(name, english) { return WORDS[name] || english; }
  var KIND_NAMES = {
    article: word("kindArticles", "Articles"), note: word("kindNotes", "Notes"), actor: word("kindActors", "Actors"),
    event: word("kindEvents", "Events"), page: word("kindPages", "Pages")
  };
  // The plural category of a count (CLDR, as src/i18n/plural.rs).
  function pluralCategory(n) {
    if (WORDS.pluralRule !== "east-slavic") return n === 1 ? "one" : "other";
    var units = n % 10, tens = n % 100;
    if (units === 1 && tens !== 11) return "one";
    return units >= 2 && units <= 4 && (tens < 12 || tens > 14) ? "few" : "many";
  }
  function results(n) {
    var c = pluralCategory(n);
    var form = WORDS["result" + c.charAt(0).toUpperCase() + c.slice(1)] || WORDS.resultOther || WORDS.resultMany;
    return n + " " + (form || (n === 1 ? "result" : "results"));
  }

  // ---- Words: as tokens.rs cuts and folds them.
  var CJK = "\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ffff}";
  var WORD = new RegExp("[" + CJK + "]|(?:(?![" + CJK + "])[\\p{Alphabetic}\\p{N}\\p{M}]|(?<=[0-9])[.,](?=[0-9]))+", "gu");
  var ONE_CJK = new RegExp("^[" + CJK + "]$", "u");
  var MAX_CHARS = 40;
  var LETTERS = { "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i", "ħ": "h", "ς": "σ" };

  function fold(word) {
    var f = /^[\x00-\x7f]*$/.test(word)
      ? word.toLowerCase().replace(/[.,]/g, "")
      : word.toLowerCase().normalize("NFD").replace(/[\p{M}.,]/gu, "")
        .replace(/[ßæœþøłđðıħς]/g, function (c) { return LETTERS[c]; });
    return f.length > MAX_CHARS && Array.from(f).length > MAX_CHARS ? "" : f;
  }

  // Each indexed word of `text`, folded, with where it stands in `text`.
  function words(text) {
    var out = [], m, f;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      f = fold(m[0]);
      if (f) out.push({ word: f, start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  // The terms of a query: its words, the last one a prefix while it is
  // being typed (no space after it yet) and at least 2 characters long.
  function parse(query) {
    var ws = words(query), terms = [], seen = {};
    ws.forEach(function (w, i) {
      var prefix = i === ws.length - 1 && w.end === query.length &&
        w.word.length >= 2 && !ONE_CJK.test(w.word);
      var key = (prefix ? "^" : "=") + w.word;
      if (!seen[key]) { seen[key] = true; terms.push({ word: w.word, prefix: prefix }); }
    });
    return terms;
  }

  function matches(word, terms) {
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      if (t.prefix ? word.lastIndexOf(t.word, 0) === 0 : word === t.word) return true;
    }
    return false;
  }

  // ---- Numbers: as encode.rs writes them.
  var ALPHABET = "!#$%()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
  var BASE = 44, LENGTH_STEP = 1.15;
  var VALUE = new Int8Array(128);
  for (var a = 0; a < ALPHABET.length; a++) VALUE[ALPHABET.charCodeAt(a)] = a;

  function numbers(s) {
    var out = [], n = 0, scale = 1;
    for (var i = 0; i < s.length; i++) {
      var v = VALUE[s.charCodeAt(i)];
      if (v >= BASE) { n += (v - BASE) * scale; scale *= BASE; }
      else { out.push(n + v * scale); n = 0; scale = 1; }
    }
    return out;
  }

  // ---- Loading the index, one script at a time.
  var meta = null, lengths = null, kindOfDoc = null, fragStarts = [];
  var loads = {};   // "shard-3" → {promise, resolve, reject, script, done, retried}

  function addScript(name, suffix) {
    var slot = loads[name], s = document.createElement("script");
    s.src = "search/" + name + ".js" + suffix;
    s.onerror = function () { if (slot.script === s) settle(slot, null, "search/" + name + ".js could not be loaded"); };
    s.onload = function () {
      s.remove();
      if (slot.script === s && !slot.done) settle(slot, null, "search/" + name + ".js is not part of the index");
    };
    slot.script = s;
    document.head.appendChild(s);
  }

  function load(name) {
    var slot = loads[name];
    if (!slot) {
      slot = loads[name] = { name: name };
      slot.promise = new Promise(function (resolve, reject) { slot.resolve = resolve; slot.reject = reject; });
      addScript(name, "");
    }
    return slot.promise;
  }

  function settle(slot, data, error) {
    if (slot.done) return;
    slot.done = true;
    if (error) {
      delete loads[slot.name];   // to be tried again by the next query
      slot.reject(new Error(error));
    } else slot.resolve(data);
  }

  // The version the meta script gives a shard or fragment ("shard-3"): a
  // digest of its content, six hex digits in a row of them.
  function versionOf(name) {
    var dash = name.lastIndexOf("-"), n = +name.slice(dash + 1) * 6;
    return (name.slice(0, dash) === "shard" ? meta.shard_v : meta.frag_v).slice(n, n + 6);
  }

  // A shard or fragment has arrived. One of another build (a stale copy a
  // web cache kept) is asked for again past the cache, once.
  function arrive(name, v, data) {
    var slot = loads[name];
    if (!slot || slot.done) return;
    var want = versionOf(name);
    if (v === want) return settle(slot, data);
    if (slot.retried) return settle(slot, null, "search/" + name + ".js is from another build of the site: reload the page");
    slot.retried = true;
    addScript(name, "?v=" + want);
  }

  window.DOSSIER_SEARCH = {
    meta: function (m) { loads.meta && settle(loads.meta, m); },
    shard: function (v, n, ws, postings) { arrive("shard-" + n, v, { words: ws, postings: postings }); },
    frag: function (v, n, docs) { arrive("frag-" + n, v, docs); }
  };

  function start(m) {
    meta = m;
    lengths = new Float32Array(m.docs);
    kindOfDoc = new Uint8Array(m.docs);
    for (var i = 0; i < m.docs; i++) lengths[i] = Math.pow(LENGTH_STEP, VALUE[m.lengths.charCodeAt(i)]) - 1;
    m.kinds.forEach(function (k, n) { kindOfDoc.fill(n, k[1], k[1] + k[2]); });
    var first = 0;
    numbers(m.frags).forEach(function (count) { fragStarts.push(first); first += count; });
    makeKindFilter((address.get("without") || "").split(","));
    if (input.value) run(input.value);
  }

  // ---- Finding the words of a query in the shards.
  function shardOf(word) {
    var firsts = meta.shards, lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= word) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // The shards a term needs; a prefix spread over too many is taken as a
  // whole word.
  function shardsFor(term) {
    if (!meta.shards.length) return [];
    var from = shardOf(term.word), to = term.prefix ? shardOf(term.word + "\uffff") : from;
    if (to - from >= MAX_PREFIX_SHARDS) { term.prefix = false; to = from; }
    var out = [];
    for (var n = from; n <= to; n++) out.push(n);
    return out;
  }

  // The index words a term matches: [{postings, weight}].
  function expansions(term, shards) {
    var out = [];
    shards.forEach(function (shard) {
      var ws = shard.words, lo = 0, hi = ws.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (ws[mid] < term.word) lo = mid + 1; else hi = mid; }
      for (var i = lo; i < ws.length; i++) {
        if (ws[i] === term.word) out.push({ postings: shard.postings[i], weight: 1 });
        else if (term.prefix && ws[i].lastIndexOf(term.word, 0) === 0) out.push({ postings: shard.postings[i], weight: PREFIX_WEIGHT });
        else break;
      }
    });
    return out;
  }

  // Documents with every term, best first: [doc number], with their scores.
  function rank(terms, shardsOfTerm) {
    var n = meta.docs, total = new Float64Array(n), matched = new Uint8Array(n), last = [];
    var avg = meta.kinds.map(function (k) { return k[3] || 1; });
    // By kind, then by the level of the word in the names (postings: 4 × tf + level).
    var bonus = meta.kinds.map(function (k) {
      var name = NAME_BONUS[k[0]] || 2.8;
      return [0, ALIAS_BONUS, name, name + NAMED_BONUS];
    });
    terms.forEach(function (term, t) {
      var best = new Float32Array(n), docs = [];
      expansions(term, shardsOfTerm[t]).forEach(function (x) {
        var p = numbers(x.postings), df = p.length / 2, d = 0;
        var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * x.weight;
        for (var i = 0; i < p.length; i += 2) {
          d += p[i];
          var tf = p[i + 1] >> 2, k = kindOfDoc[d];
          var s = idf * (tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[d] / avg[k])) + bonus[k][p[i + 1] & 3]);
          if (best[d] === 0) docs.push(d);
          if (s > best[d]) best[d] = s;
        }
      });
      docs.forEach(function (d) { if (matched[d] === t) { matched[d] = t + 1; total[d] += best[d]; } });
      last = docs;
    });
    var hits = last.filter(function (d) { return matched[d] === terms.length; });
    hits.sort(function (x, y) { return total[y] - total[x] || x - y; });
    return hits;
  }

  // ---- Running a query as it is typed.
  // The latest query and the latest showing of results: an older one that
  // finishes later is dropped.
  var runs = 0, shows = 0, current = null, shown = PAGE, timer = 0;
  var typing = false, statusTimer = 0;

  // Sets the status line: at once, or once typing pauses.
  function say(text) {
    clearTimeout(statusTimer);
    if (!typing) { status.textContent = text; return; }
    statusTimer = setTimeout(function () { status.textContent = text; }, STATUS_MS);
  }

  function run(query) {
    var my = ++runs;
    shown = PAGE;
    remember(query);
    if (!meta) return;
    var terms = parse(query);
    if (!terms.length) { current = null; ++shows; clear(); list.removeAttribute("data-query"); say(""); return; }
    var wanted = terms.map(shardsFor);
    Promise.all(wanted.map(function (ns) {
      return Promise.all(ns.map(function (n) { return load("shard-" + n); }));
    })).then(function (shardsOfTerm) {
      if (my !== runs) return;
      current = { query: query, terms: terms, hits: rank(terms, shardsOfTerm) };
      show();
    }).catch(function (err) { if (my === runs) say(word("failed", "Search failed:") + " " + err.message); });
  }

  input.addEventListener("input", function () {
    typing = true;
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, DEBOUNCE_MS);
  });
  input.form.addEventListener("submit", function (e) {
    e.preventDefault();
    typing = false;
    clearTimeout(timer);
    run(input.value);
  });

  // The query and the kinds left out, in the address: Back from a result
  // finds the search as it was left (?q=…&without=note,page).
  function remember(query) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    var without = Object.keys(filter).filter(function (k) { return !filter[k].box.checked; });
    if (without.length) params.set("without", without.join(","));
    var search = params.toString();
    try {
      window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
    } catch (err) { /* file:// may refuse */ }
  }

  // ---- Showing the results.
  var filter = {};   // kind → {box, count}

  function kindOf(doc) {
    return meta.kinds[kindOfDoc[doc]][0];
  }

  function makeKindFilter(without) {
    if (!kindsBox || meta.kinds.length < 2) return;
    meta.kinds.forEach(function (k) {
      var label = document.createElement("label"), box = document.createElement("input"), count = document.createElement("span");
      box.type = "checkbox";
      box.value = k[0];
      box.checked = without.indexOf(k[0]) < 0;
      label.style.marginInlineEnd = "1rem";
      label.style.whiteSpace = "nowrap";
      label.append(box, " " + (KIND_NAMES[k[0]] || k[0]) + " ", count);
      kindsBox.appendChild(label);
      filter[k[0]] = { box: box, count: count };
    });
    kindsBox.hidden = false;
    kindsBox.addEventListener("change", function () {
      typing = false;
      remember(input.value);
      if (!current) return;
      shown = PAGE;
      show();
    });
  }

  function fragOf(doc) {
    var lo = 0, hi = fragStarts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (fragStarts[mid] <= doc) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // Shows the current results of the kinds chosen, then calls `after`.
  function show(after) {
    var my = ++shows, counts = {}, hits = current.hits.filter(function (d) {
      var kind = kindOf(d);
      counts[kind] = (counts[kind] || 0) + 1;
      return !filter[kind] || filter[kind].box.checked;
    });
    Object.keys(filter).forEach(function (k) { filter[k].count.textContent = "(" + (counts[k] || 0) + ")"; });
    var page = hits.slice(0, shown), frags = {};
    page.forEach(function (d) { frags[fragOf(d)] = true; });
    var names = Object.keys(frags);
    Promise.all(names.map(function (f) { return load("frag-" + f); })).then(function (loaded) {
      if (my !== shows) return;
      var byFrag = {};
      names.forEach(function (f, i) { byFrag[f] = loaded[i]; });
      clear();
      page.forEach(function (d) {
        var f = fragOf(d);
        list.appendChild(item(byFrag[f][d - fragStarts[f]], current.terms));
      });
      if (more) more.hidden = hits.length <= shown;
      // Which query the list shows: the status line says it only once
      // typing pauses, so a test or a bench can tell from this when the
      // results of a query are on screen.
      list.setAttribute("data-query", current.query);
      say(describe(current.hits.length, hits.length, current.query));
      if (after) after();
    }).catch(function (err) { if (my === shows) say(word("failed", "Search failed:") + " " + err.message); });
  }

  function describe(total, kept, query) {
    var count = total ? results(total) : word("noResults", "No results");
    var text = word("resultsFor", "{count} for “{query}”").replace("{count}", count).replace("{query}", query);
    return kept < total ? text + ", " + word("ofKindsChosen", "{kept} of the kinds chosen").replace("{kept}", kept) : text;
  }

  function clear() {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (more) more.hidden = true;
  }

  // One result: [title, url, kind, text] from a fragment. The title and
  // the snippet's fields are in their text's language, which may run the
  // other way from the page's: each is isolated in a <bdi>, ellipses included.
  function item(doc, terms) {
    var li = document.createElement("li"), a = document.createElement("a");
    var kind = document.createElement("span"), p = document.createElement("p");
    var title = document.createElement("bdi");
    a.href = doc[1];
    appendMarked(title, doc[0], terms);
    a.append(title);
    kind.className = "tag";
    kind.textContent = doc[2];
    snippet(p, doc[3], terms);
    li.append(a, " ", kind, p);
    return li;
  }

  // About 200 characters of `text` around its first match, cut at spaces,
  // each field (publisher, summary, text) in a <bdi> of its own.
  function snippet(p, text, terms) {
    var at = 0, m, f;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      f = fold(m[0]);
      if (f && matches(f, terms)) { at = m.index; break; }
    }
    var start = at > 60 ? text.lastIndexOf(" ", at - 60) + 1 : 0;
    if (start < at - 100) start = at - 60;
    var end = Math.min(text.length, start + 200), space = text.indexOf(" ", end);
    if (end < text.length && space >= 0 && space < end + 30) end = space;
    // Not begun or ended on the " · " between two fields (the index's text
    // is the fields so joined: src/render/search/docs.rs).
    var shown = text.slice(start, end).replace(FIELD_EDGES, "");
    var fields = shown.split(" · ").map(function (field, i) {
      var bdi = document.createElement("bdi");
      if (i) p.append(" · ");
      p.append(bdi);
      appendMarked(bdi, field, terms);
      return bdi;
    });
    if (start > 0) fields[0].prepend("…");
    // No "…" after a sentence's own final punctuation.
    if (end < text.length && !SENTENCE_END.test(shown)) fields[fields.length - 1].append("…");
  }
  var FIELD_EDGES = /^\s*·\s*|\s*·\s*$/g;
  var SENTENCE_END = /[.!?…。！？؟]["'”’»)\]]*$/;

  function appendMarked(el, text, terms) {
    var last = 0;
    words(text).forEach(function (w) {
      if (!matches(w.word, terms)) return;
      var mark = document.createElement("mark");
      mark.textContent = text.slice(w.start, w.end);
      el.append(text.slice(last, w.start), mark);
      last = w.end;
    });
    el.append(text.slice(last));
  }

  if (more) more.addEventListener("click", function () {
    typing = false;
    var next = shown;
    shown += PAGE;
    // Focus on the first of the new results (the button goes away).
    show(function () {
      var links = list.querySelectorAll("li > a");
      if (links[next]) links[next].focus();
    });
  });

  // ---- Keyboard: ↓ from the field into the results, ↑ ↓ through them,
  // Escape back to the field; Enter follows the link in focus.
  input.addEventListener("keydown", function (e) {
    var first = list.querySelector("li > a");
    if (e.key === "ArrowDown" && first) { e.preventDefault(); first.focus(); }
  });
  list.addEventListener("keydown", function (e) {
    var links = Array.prototype.slice.call(list.querySelectorAll("li > a"));
    var i = links.indexOf(document.activeElement), target = null;
    if (i < 0) return;
    if (e.key === "ArrowDown") target = links[i + 1] || (more && !more.hidden ? more : null);
    else if (e.key === "ArrowUp") target = links[i - 1] || input;
    else if (e.key === "Home") target = links[0];
    else if (e.key === "End") target = links[links.length - 1];
    else if (e.key === "Escape") target = input;
    if (target) { e.preventDefault(); target.focus(); }
  });

  // ---- Start: the query from the address (the header's search form sends
  // it as ?q=), then the index.
  var address = new URLSearchParams(window.location.search);
  var initial = address.get("q") || "";
  input.value = initial;
  var header = document.getElementById("site-search-q");
  if (header) header.value = initial;
  load("meta").then(start, function (err) { status.textContent = word("unavailable", "Search is unavailable:") + " " + err.message; });
})();
