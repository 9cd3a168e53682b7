// Previews (issue 18): hovering or focusing a link to an actor, an event,
// an article or a free page, or a note reference, shows what it leads to
// in a small box beside the link, without leaving the page.
//
// The data is the site's: `dossier build` writes the preview of every item
// into scripts (previews/<n>.js, src/render/previews.rs), the one of an
// item's page chosen by a hash of its URL; a script is loaded by a tag the
// first time a link to one of its items is pointed at or focused,
// so nothing is fetched and it works from file://. A note reference's note
// is on the page already (its side note) and is read from there. Every
// link works as before without this script.
//
// The box is a tooltip (role="tooltip", named by the link's
// aria-describedby while it shows): it never takes focus, closes with
// Escape, when the pointer leaves link and box, or when focus moves on.
// A tap on a touch screen follows the link, as it would without this
// script: previews are for a mouse's hover and a keyboard's focus.
(function () {
  "use strict";
  var SHOW_MS = 300;   // hover this long before the box opens
  var HIDE_MS = 250;   // time to move the pointer from the link into the box
  var GAP = 6;         // px between the link and the box
  var MARGIN = 8;      // px kept free at the window's edges

  var script = document.currentScript;
  // preview.js sits at the site root: its folder is the root every key
  // (a page's URL from the root, as the build spells it) starts from.
  var root = script ? new URL(".", script.src).href : null;
  var main = document.getElementById("main");
  if (!root || !main) return;

  var shards = parseInt(script.getAttribute("data-shards"), 10) || 0;
  var noteWord = script.getAttribute("data-note") || "";
  var data = {};        // the previews loaded so far, by URL from the root
  var loaded = {};      // script number: true once loaded (or failed)
  var waiting = {};     // script number: what to do once it is loaded
  window.DOSSIER_PREVIEWS = {
    add: function (items) {
      for (var key in items) {
        if (Object.prototype.hasOwnProperty.call(items, key)) data[key] = items[key];
      }
    }
  };

  var box = null;       // the tooltip element, made on first use
  var current = null;   // the link it describes
  var lastPointer = "mouse";
  var showTimer = 0, hideTimer = 0;

  // ---- What a link leads to

  function decode(s) {
    try { return decodeURIComponent(s); } catch (e) { return s; }
  }

  // The side note a link refers to on this page (a note reference), unless
  // the link is inside that very note.
  function sideNote(a, hash) {
    if (hash.indexOf("note-") !== 0 || hash.indexOf("--") !== -1) return null;
    var el = document.getElementById(hash);
    if (!el || !el.classList.contains("sidenote") || el.contains(a)) return null;
    return el;
  }

  // What a link leads to: {note} on this page, or {key}, the URL from the
  // site root of a page of the site that may be an item's.
  function dest(a) {
    var href = a.getAttribute("href");
    if (!href || a.closest(".preview")) return null;
    var url = new URL(a.href, location.href);
    var hash = decode(url.hash.slice(1));
    var here = url.origin === location.origin && url.pathname === location.pathname;
    if (here && hash) {
      var note = sideNote(a, hash);
      return note ? { note: note } : null;
    }
    url.hash = "";
    url.search = "";
    if (url.href.indexOf(root) !== 0 || !shards) return null;
    var key = decode(url.href.slice(root.length));
    // Only pages are items' (a seed's text or a citation file is not), and
    // never a list's numbered continuation (`x.2.html`).
    return /\.html$/.test(key) && !/\.\d+\.html$/.test(key) ? { key: key } : null;
  }

  // What a link previews: {item} from the data loaded, or {note}.
  function target(a) {
    var d = dest(a);
    if (!d || d.note) return d;
    var item = data[d.key];
    return item ? { item: item } : null;
  }

  // The script of previews that holds the page at `key`: 32-bit FNV-1a of
  // its UTF-8 bytes, modulo their number (as the build computes it).
  function shardOf(key) {
    var bytes = new TextEncoder().encode(key), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    return h % shards;
  }

  // Whether what a link leads to is known now (a note, or its script is
  // loaded); if not, its script is loaded and `then` runs after.
  function ready(a, then) {
    var d = dest(a);
    if (!d || d.note) return true;
    var n = shardOf(d.key);
    if (loaded[n]) return true;
    if (then) (waiting[n] = waiting[n] || []).push(then);
    if (waiting[n] && waiting[n].started) return false;
    waiting[n] = waiting[n] || [];
    waiting[n].started = true;
    var s = document.createElement("script");
    s.src = root + "previews/" + n + ".js";
    s.onload = s.onerror = function () {
      s.remove();
      loaded[n] = true;
      var todo = waiting[n];
      delete waiting[n];
      todo.forEach(function (f) { f(); });
    };
    document.head.appendChild(s);
    return false;
  }

  // ---- The box's content, as text (never HTML)

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function itemContent(p) {
    var out = [];
    // Every word comes from the page's data, in the interface's language.
    out.push(el("p", "preview-kicker", p.kicker));
    // Names, titles, publishers and openings are in their own language:
    // isolated from the interface's words around them.
    out.push(el("p", "preview-title", p.name || p.title));
    out[1].dir = "auto";
    if (p.type === "actor" && p.role) out.push(el("p", "preview-role", p.role));
    if (p.type === "event") {
      var date = p.date + (p.end ? " – " + p.end : "");
      if (p.precision) date += " (" + p.precision + ")";
      if (p.uncertain) date += " · " + p.uncertain;
      out.push(el("p", "preview-date", date));
    }
    if (p.type === "article") {
      var line = el("p", "preview-date");
      line.append(el("bdi", null, p.publisher), p.published ? " · " + p.published : "");
      out.push(line);
    }
    var text = p.opening || p.summary;
    if (text) {
      out.push(el("p", "preview-text", text));
      out[out.length - 1].dir = "auto";
    }
    if (p.type === "actor") out.push(el("p", "preview-counts", p.counts));
    return out;
  }

  function noteContent(note) {
    var num = note.querySelector(".note-num");
    var kind = note.querySelector(".note-kind");
    var head = noteWord + (num ? " " + num.textContent : "") + (kind ? " · " + kind.textContent : "");
    var parts = note.querySelectorAll(".note-p");
    var text = Array.prototype.map.call(parts, function (p) { return p.textContent; }).join(" ");
    var out = [el("p", "preview-kicker", head)];
    out.push(el("p", "preview-text", text.trim()));
    return out;
  }

  // ---- Showing and hiding

  function makeBox() {
    box = el("div", "preview");
    box.id = "dossier-preview";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    box.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    box.addEventListener("mouseleave", function () { hideSoon(); });
    document.body.appendChild(box);
  }

  // Below the link's last line, or above its first when there is no room
  // below: never over the link, however many lines it wraps to.
  function place(a) {
    var rects = a.getClientRects();
    var whole = a.getBoundingClientRect();
    var first = rects.length ? rects[0] : whole, last = rects.length ? rects[rects.length - 1] : whole;
    var w = box.offsetWidth, h = box.offsetHeight;
    var vw = document.documentElement.clientWidth, vh = window.innerHeight;
    var below = whole.bottom + GAP, above = whole.top - GAP - h;
    var up = below + h > vh - MARGIN && above > MARGIN;
    var r = up ? first : last;
    var left = Math.max(MARGIN, Math.min(r.left, vw - w - MARGIN));
    box.style.left = left + window.scrollX + "px";
    box.style.top = (up ? above : below) + window.scrollY + "px";
  }

  function show(a) {
    var t = target(a);
    if (!t) return false;
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (current === a && !box.hidden) return true;
    if (current) release(current);
    if (!box) makeBox();
    box.textContent = "";
    box.className = "preview preview-" + (t.note ? "note" : t.item.type);
    (t.note ? noteContent(t.note) : itemContent(t.item)).forEach(function (e) {
      box.appendChild(e);
    });
    box.hidden = false;
    place(a);
    current = a;
    // Said with the link by screen readers, beside what it already says.
    var was = a.getAttribute("aria-describedby");
    a.setAttribute("data-preview-was", was || "");
    a.setAttribute("aria-describedby", (was ? was + " " : "") + box.id);
    return true;
  }

  function release(a) {
    var was = a.getAttribute("data-preview-was");
    if (was) a.setAttribute("aria-describedby", was);
    else a.removeAttribute("aria-describedby");
    a.removeAttribute("data-preview-was");
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (box) box.hidden = true;
    if (current) release(current);
    current = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_MS);
  }

  function linkOf(e) {
    var a = e.target.closest ? e.target.closest("a[href]") : null;
    return a && main.contains(a) ? a : null;
  }

  // ---- Events

  var hovered = null;   // the link under the pointer

  main.addEventListener("mouseover", function (e) {
    var a = linkOf(e);
    if (!a || lastPointer === "touch") return;
    if (a === current) { clearTimeout(hideTimer); return; }
    if (!dest(a)) return;
    hovered = a;
    // Its script loads once the pointer rests on the link, not as it
    // passes over it or on its way to a click.
    clearTimeout(showTimer);
    showTimer = setTimeout(function () {
      if (ready(a, function () { if (hovered === a) show(a); })) show(a);
    }, SHOW_MS);
  });

  main.addEventListener("mouseout", function (e) {
    var a = linkOf(e);
    if (!a || (e.relatedTarget && a.contains(e.relatedTarget))) return;
    clearTimeout(showTimer);
    if (hovered === a) hovered = null;
    if (a === current) hideSoon();
  });

  // A link's #fragment focuses the mention it leads to: that is where the
  // reader came to read, not a request for its preview. Focus that a key
  // moves (Tab) comes while the key is down; Enter on a link to the
  // mention leads there like a click.
  var keying = false;
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Tab") return;
    keying = true;
    setTimeout(function () { keying = false; }, 0);
  }, true);

  main.addEventListener("focusin", function (e) {
    var a = linkOf(e);
    if (!a || lastPointer === "touch") return;
    if (!keying && a.id && decode(location.hash.slice(1)) === a.id) return;
    if (ready(a, function () { if (document.activeElement === a) show(a); })) show(a);
  });

  main.addEventListener("focusout", function (e) {
    var a = linkOf(e);
    if (a && a === current && lastPointer !== "touch") hide();
  });

  document.addEventListener("pointerdown", function (e) {
    lastPointer = e.pointerType || "mouse";
    if (box && !box.hidden && !box.contains(e.target) && e.target !== current &&
        !(current && current.contains(e.target))) hide();
  }, true);

  // A mouse used after a touch screen hovers again.
  document.addEventListener("pointermove", function (e) {
    if (e.pointerType === "mouse") lastPointer = "mouse";
  }, true);

  document.addEventListener("keydown", function (e) {
    lastPointer = "keyboard";
    if ((e.key === "Escape" || e.key === "Esc") && box && !box.hidden) hide();
  });

  window.addEventListener("resize", function () { if (current) place(current); });

  // ---- Side notes in the margin
  // In a wide window style.css floats each note into the margin at the
  // line of its passage; a float can only be pushed down, so in a densely
  // annotated text notes end up far below what they comment on. Here the
  // notes are placed instead (style.css's .notes-placed rules): each as
  // near its highlight as the notes around it allow, in order, none over
  // another. Where the stylesheet keeps the notes in the text (a narrow
  // window, print), what is written here is not read.
  var articleBody = main.querySelector(".article-body");
  var notes = articleBody ? Array.prototype.slice.call(articleBody.querySelectorAll(".sidenote")) : [];

  // Where a note's passage starts, in px from the top of the text: the
  // first line of its highlight (#ann-…) that has width (a highlight may
  // start with an empty box at the end of the line before).
  function passageTop(note, origin) {
    var mark = document.getElementById("ann-" + note.id.slice(5));
    var rects = mark ? mark.getClientRects() : [];
    for (var i = 0; i < rects.length; i++) {
      if (rects[i].width > 1) return rects[i].top - origin;
    }
    return rects.length ? rects[0].top - origin : null;
  }

  // Tops for boxes wanted at `want`, `size` px high with the next one no
  // nearer than that (a note's height and the space below it), in order:
  // as near where they are wanted as they can be without overlapping, in
  // the least-squares sense, and none above 0. Pool adjacent violators:
  // boxes that would overlap form a block centred on where its members
  // want it (the mean of their wants less their places in it), so a run
  // of notes stands around its passages rather than below the first.
  function stack(items) {
    var blocks = [];
    items.forEach(function (it, i) {
      var b = { first: i, count: 1, sum: it.want, size: it.size, top: it.want };
      var p;
      while ((p = blocks[blocks.length - 1]) && p.top + p.size > b.top) {
        blocks.pop();
        // b's members stand p.size further down in the merged block.
        b = { first: p.first, count: p.count + b.count, sum: p.sum + b.sum - b.count * p.size, size: p.size + b.size };
        b.top = b.sum / b.count;
      }
      blocks.push(b);
    });
    // Down from the top of the text, block by block: a block centred
    // above 0 starts at 0, pushing the next ones down as far as needed.
    var tops = [], floor = 0;
    blocks.forEach(function (b) {
      for (var i = b.first, y = b.top; i < b.first + b.count; y += items[i].size, i++) {
        var top = Math.round(Math.max(y, floor));
        tops.push(top);
        floor = top + items[i].size;
      }
    });
    return tops;
  }

  // ---- Notes after their block, in a narrow window
  // The HTML has each note right where its highlight ends, often in the
  // middle of a sentence: in the margin that is the line it belongs to,
  // but where the stylesheet keeps the notes in the text (below 66rem) a
  // note box there cuts the sentence, and a reader on a phone has to find
  // its end after the box. There each note is moved to the end of the
  // block of text that holds it (a paragraph, a list item, a cell), in
  // order: the block reads whole, then come its notes. A comment left in
  // its place takes it back, before the notes are placed in the margin of
  // a window made wide again; without this script the notes stay in place.
  var BLOCK = "p, li, dd, dt, td, th, h1, h2, h3, h4, h5, h6, figcaption, caption";
  // Blocks that may sit inside one of those (a list in a list item): the
  // notes of the text before them go before them, not after.
  var INNER_BLOCK = /^(P|UL|OL|DL|DIV|BLOCKQUOTE|TABLE|PRE|FIGURE|HR|H[1-6])$/;
  var notesMoved = false;
  var notePlaces = [];  // the comment left where each note was, by index

  // Where a note goes: its block, and the child of the block it goes
  // before (null: the block's end); undefined for a note in no block.
  function afterBlock(note) {
    var block = note.parentNode.closest(BLOCK);
    if (!block || !articleBody.contains(block)) return undefined;
    var top = note;
    while (top.parentNode !== block) top = top.parentNode;
    for (var c = top.nextSibling; c; c = c.nextSibling) {
      if (c.nodeType === 1 && INNER_BLOCK.test(c.tagName)) return { block: block, before: c };
    }
    return { block: block, before: null };
  }

  function moveNotes() {
    if (notesMoved) return;
    notesMoved = true;
    // All are found first: a note moved changes no other's block.
    var wheres = notes.map(afterBlock);
    notes.forEach(function (n, i) {
      var w = wheres[i];
      if (!w) return;
      var place = document.createComment("note");
      n.parentNode.replaceChild(place, n);
      notePlaces[i] = place;
      w.block.insertBefore(n, w.before);
    });
  }

  function restoreNotes() {
    if (!notesMoved) return;
    notesMoved = false;
    notes.forEach(function (n, i) {
      var place = notePlaces[i];
      if (place) place.parentNode.replaceChild(n, place);
    });
    notePlaces = [];
  }

  // Lays the notes out, when the stylesheet puts them in the margin (it
  // makes them position: absolute there once the text is .notes-placed).
  // All is measured first, then written: one reflow.
  // Where the stylesheet keeps them in the text, the notes are moved after
  // their blocks instead; they are put back first where they go into the margin.
  function layoutNotes() {
    if (!notes.length) return;
    articleBody.classList.add("notes-placed");
    if (getComputedStyle(notes[0]).position !== "absolute") { moveNotes(); return; }
    restoreNotes();
    var origin = articleBody.getBoundingClientRect().top, last = 0;
    var items = notes.map(function (n) {
      var want = passageTop(n, origin);
      // A note without its highlight (never made so) stays after the one before.
      last = want === null ? last : want;
      var below = parseFloat(getComputedStyle(n).marginBlockEnd) || 0;
      return { want: last, height: n.offsetHeight, size: n.offsetHeight + below };
    });
    var tops = stack(items);
    notes.forEach(function (n, i) { n.style.setProperty("--note-top", tops[i] + "px"); });
    // The text is as tall as its notes: the last one never runs into
    // what follows the text.
    var end = tops[tops.length - 1] + items[items.length - 1].height;
    articleBody.style.setProperty("--notes-end", Math.ceil(end) + "px");
  }

  // Once per frame at most: a window resized (the notes may move into the
  // text or out of it), fonts or pictures loaded (the lines move).
  var layoutFrame = 0;
  function layoutSoon() {
    if (!layoutFrame) layoutFrame = requestAnimationFrame(function () { layoutFrame = 0; layoutNotes(); });
  }
  layoutNotes();
  window.addEventListener("resize", layoutSoon);
  window.addEventListener("load", layoutSoon);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(layoutSoon);
  // The lines also move with no resize of the window: a scroll bar that
  // comes or goes, text zoomed alone, a <details> opened, a picture sized
  // late. The text's blocks change size then, and so may a note (a picture
  // in it). The text itself is not watched: it is at least as tall as its
  // notes, so its size says little, and placing them changes it. Placing
  // the notes changes no block's or note's size (moving them after their
  // blocks does, once), so this settles.
  if (notes.length && window.ResizeObserver) {
    var watch = new ResizeObserver(layoutSoon);
    Array.prototype.forEach.call(articleBody.children, function (block) { watch.observe(block); });
    notes.forEach(function (n) { watch.observe(n); });
  }

  // ---- Arriving at a note (#note-…, or a mention in one, #note-…--a-…)
  // The window is scrolled so that the passage the note comments on (its
  // highlight, #ann-…) and the note's head are in view, as much as the
  // window's height allows: the target itself first, then its passage. A
  // note in the margin may stand below or above its passage (the notes
  // around it push it), beyond what style.css's scroll-margin-top can know.
  var PAD = 16;        // px kept above what is brought into view
  var SEEN = 96;       // px of the target that must show below it

  function arrive() {
    var id = decode(location.hash.slice(1));
    if (id.indexOf("note-") !== 0) return;
    // Where the notes stand now, not where a frame to come will put them.
    layoutNotes();
    var t = document.getElementById(id);
    var note = t && t.closest(".sidenote");
    if (!note || !main.contains(note)) return;
    var mark = document.getElementById("ann-" + note.id.slice(5));
    var rects = mark ? mark.getClientRects() : [];
    var tr = t.getBoundingClientRect(), nr = note.getBoundingClientRect();
    var vh = window.innerHeight, y = window.scrollY;
    var top = nr.top;
    if (rects.length) top = Math.min(top, rects[0].top);
    var want = top - PAD;
    // The target's first lines stay in view, whatever is above them.
    want = Math.max(want, tr.top + Math.min(tr.height, SEEN) + PAD - vh);
    if (Math.abs(want) >= 1) window.scrollTo(window.scrollX, y + want);
  }

  // Back and Forward restore the place the reader left (where the browser
  // says which navigation it is: the Navigation API).
  var traversing = false;
  if (window.navigation && navigation.addEventListener) {
    navigation.addEventListener("navigate", function (e) { traversing = e.navigationType === "traverse"; });
  }
  window.addEventListener("hashchange", function () { if (!traversing) arrive(); });
  // A reload or a Back to this page keeps the place the reader left.
  var entry = window.performance && performance.getEntriesByType ?
    performance.getEntriesByType("navigation")[0] : null;
  var returning = entry && (entry.type === "reload" || entry.type === "back_forward");
  if (location.hash && !returning) {
    if (document.readyState === "complete") arrive();
    else window.addEventListener("load", function () { requestAnimationFrame(arrive); });
  }
})();
