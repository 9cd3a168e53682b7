// Annotating in the browser while `dossier serve` runs. Injected by the
// server into served pages only (with the <meta name="dossier-token"> it
// needs); `dossier build` output never has it. Every write goes through the
// server's API (/__dossier/api/), which checks the change against the whole
// dossier before it writes the front matter; the page then reloads.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="dossier-token"]');
  var body = document.querySelector('.article-body');
  var match = location.pathname.match(/\/articles\/([a-z0-9][a-z0-9-]*)\.html$/);
  if (!meta || !body || !match) return;
  var token = meta.getAttribute('content');
  var article = match[1];
  var API = '/__dossier/api/';
  var items = null;
  var opener = null;

  // One request to the API: resolves to {status, json}.
  function api(method, path, data) {
    var init = { method: method, headers: { 'X-Dossier-Token': token } };
    if (data !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(data);
    }
    return fetch(API + path, init).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (json) {
        return { status: r.status, json: json };
      });
    });
  }

  function loadItems() {
    if (!items) {
      items = api('GET', 'items').then(function (r) {
        return r.status === 200 ? r.json : { kinds: [], actors: [], events: [] };
      });
    }
    return items;
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }

  // The text of a piece of the body as the reader reads it: without the
  // side notes and note numbers that sit inside its paragraphs.
  function readerText(fragment) {
    var box = document.createElement('div');
    box.appendChild(fragment);
    box.querySelectorAll('.sidenote, .note-ref, .dossier-note-tools').forEach(function (n) { n.remove(); });
    return box.textContent.replace(/\s+/g, ' ');
  }

  function count(text, quote) {
    var n = 0, at = 0;
    while (quote && (at = text.indexOf(quote, at)) !== -1) { n += 1; at += quote.length; }
    return n;
  }

  // The selected quote and which occurrence of it in the body it is.
  function selectedQuote() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    var range = sel.getRangeAt(0);
    if (!body.contains(range.commonAncestorContainer)) return null;
    var quote = readerText(range.cloneContents()).trim();
    if (!quote) return null;
    var before = document.createRange();
    before.setStart(body, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var all = count(readerText(body.cloneNode(true)), quote);
    var prefix = readerText(before.cloneContents());
    // The selection's own start may be in the prefix's last words.
    var occurrence = count(prefix + quote, quote);
    return { quote: quote, occurrence: all > 1 ? Math.max(occurrence, 1) : null, rect: range.getBoundingClientRect() };
  }

  // --- the toolbar over a selection -------------------------------------
  var bar = el('div', { class: 'dossier-annotate-bar', role: 'toolbar', 'aria-label': 'Annotate the selection', hidden: '' });
  document.body.appendChild(bar);

  function button(label, onClick, cls) {
    var b = el('button', { type: 'button', text: label, class: cls || '' });
    b.addEventListener('click', onClick);
    return b;
  }

  function showBar() {
    var s = selectedQuote();
    if (!s) { bar.hidden = true; return; }
    bar.replaceChildren(button('Annotate', function () { openAnnotation(s, null); }));
    if (s.quote.split(' ').length <= 6) {
      bar.appendChild(button('Alias of…', function () { openAlias(s.quote); }));
      bar.appendChild(button('New actor', function () { openActor(s.quote); }));
    }
    bar.style.top = (window.scrollY + s.rect.bottom + 6) + 'px';
    bar.style.left = (window.scrollX + Math.max(8, s.rect.left)) + 'px';
    bar.hidden = false;
  }
  document.addEventListener('mouseup', function (e) {
    if (!bar.contains(e.target) && !dialog.contains(e.target)) setTimeout(showBar, 0);
  });
  document.addEventListener('keyup', function (e) {
    if (e.shiftKey || e.key === 'Shift') showBar();
  });

  // --- the dialog -------------------------------------------------------
  var dialog = el('div', { class: 'dossier-annotate-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'dossier-annotate-title', hidden: '' });
  document.body.appendChild(dialog);
  dialog.addEventListener('keydown', function (e) { if (e.key === 'Escape') close(); });

  function close() {
    dialog.hidden = true;
    dialog.replaceChildren();
    if (opener) opener.focus();
  }

  function field(label, input) {
    return el('label', { class: 'dossier-field' }, [el('span', { text: label }), input]);
  }

  // Opens a form titled `title`; `save(form)` returns the API's promise.
  function openForm(title, fields, save) {
    opener = document.activeElement;
    bar.hidden = true;
    var errors = el('div', { class: 'dossier-annotate-errors', role: 'alert' });
    var form = el('form', {}, [el('h2', { id: 'dossier-annotate-title', text: title })].concat(fields, [
      errors,
      el('div', { class: 'dossier-annotate-actions' }, [
        el('button', { type: 'submit', text: 'Save' }),
        button('Cancel', close),
      ]),
    ]));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      errors.replaceChildren(el('p', { text: 'Saving…' }));
      status().then(function (before) {
        return save(form).then(function (r) { return done(r, before, errors); });
      });
    });
    dialog.replaceChildren(form);
    dialog.hidden = false;
    var first = form.querySelector('select, textarea, input:not([readonly])');
    if (first) first.focus();
  }

  function status() {
    return fetch('/__dossier/status').then(function (r) { return r.json(); }).catch(function () { return {}; });
  }

  // After a write: the diagnostics when refused; else wait for the rebuild
  // (the live-reload script may reload first) and reload.
  function done(r, before, errors) {
    if (r.status >= 200 && r.status < 300) {
      errors.replaceChildren(el('p', { text: 'Saved; the page reloads when the site is rebuilt.' }));
      var poll = function () {
        status().then(function (now) {
          if (now.version !== before.version) location.reload();
          else setTimeout(poll, 250);
        });
      };
      poll();
      return;
    }
    var list = el('ul');
    (r.json.diagnostics || [{ message: r.json.error || ('HTTP ' + r.status) }]).forEach(function (d) {
      var text = d.message + (d.hint ? ' — ' + d.hint : '');
      list.appendChild(el('li', { text: (d.line ? 'line ' + d.line + ': ' : '') + text }));
    });
    errors.replaceChildren(el('p', { text: 'Not saved:' }), list);
  }

  // A type-ahead picker of slugs from `options` ({slug, label}).
  function picker(name, label, options, chosen) {
    var listId = 'dossier-list-' + name;
    var input = el('input', { type: 'text', list: listId, autocomplete: 'off', 'aria-describedby': listId + '-help' });
    var datalist = el('datalist', { id: listId }, options.map(function (o) {
      return el('option', { value: o.slug, label: o.label });
    }));
    var chips = el('ul', { class: 'dossier-chips', 'aria-label': label + ' chosen' });
    var values = [];
    function add(slug) {
      var o = options.find(function (x) { return x.slug === slug || x.label.toLowerCase() === slug.toLowerCase(); });
      var value = o ? o.slug : slug;
      if (!value || values.indexOf(value) !== -1) return;
      values.push(value);
      var chip = el('li', { text: (o ? o.label : value) + ' ' });
      chip.appendChild(button('×', function () {
        values.splice(values.indexOf(value), 1);
        chip.remove();
      }, 'dossier-chip-remove'));
      chip.lastChild.setAttribute('aria-label', 'Remove ' + (o ? o.label : value));
      chips.appendChild(chip);
    }
    (chosen || []).forEach(add);
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') { e.preventDefault(); add(input.value.trim()); input.value = ''; }
    });
    input.addEventListener('change', function () {
      if (options.some(function (o) { return o.slug === input.value; })) { add(input.value); input.value = ''; }
    });
    var wrap = el('div', { class: 'dossier-picker', 'data-name': name }, [
      field(label, input), datalist, chips,
      el('p', { id: listId + '-help', class: 'dossier-help', text: 'Type to search; Enter adds.' }),
    ]);
    wrap.values = values;
    return wrap;
  }

  function openAnnotation(s, existing) {
    loadItems().then(function (it) {
      // No kind chosen for the author: the first in the list would be a
      // claim about the source that nobody made.
      var none = el('option', { value: '', text: 'Choose a kind…', disabled: '', selected: '' });
      var kind = el('select', { name: 'kind', required: '' }, [none].concat(it.kinds.map(function (k) {
        return el('option', { value: k.value, text: k.label + ' — ' + k.description });
      })));
      if (existing) kind.value = existing.kind;
      var note = el('textarea', { name: 'note', rows: '4', required: '' });
      note.value = existing ? existing.note : '';
      var actors = picker('actors', 'Actors', it.actors.map(function (a) { return { slug: a.slug, label: a.name }; }), existing && existing.actors);
      var events = picker('events', 'Events', it.events.map(function (e) { return { slug: e.slug, label: e.title }; }), existing && existing.events);
      var quote = el('blockquote', { class: 'dossier-quote', text: s.quote });
      var fields = [quote, field('Kind', kind), field('Note (Markdown)', note), actors, events];
      openForm(existing ? 'Edit the annotation' : 'Annotate', fields, function () {
        var data = { quote: s.quote, kind: kind.value, note: note.value, actors: actors.values, events: events.values };
        if (s.occurrence) data.occurrence = s.occurrence;
        if (existing) return api('PUT', 'annotations/' + article + '/' + encodeURIComponent(existing.id), data);
        data.article = article;
        return api('POST', 'annotations', data);
      });
    });
  }

  function openAlias(text) {
    loadItems().then(function (it) {
      var options = it.actors.map(function (a) { return { slug: 'actors/' + a.slug, label: a.name }; })
        .concat(it.events.map(function (e) { return { slug: 'events/' + e.slug, label: e.title }; }));
      var alias = el('input', { type: 'text', name: 'alias' });
      alias.value = text;
      var target = el('select', { name: 'item' }, options.map(function (o) {
        return el('option', { value: o.slug, text: o.label + ' (' + o.slug.split('/')[0].replace(/s$/, '') + ')' });
      }));
      openForm('Add as an alias', [field('Alias', alias), field('Of', target)], function () {
        return api('POST', 'aliases', { item: target.value, alias: alias.value });
      });
    });
  }

  function slugOf(name) {
    return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  }

  function openActor(text) {
    var name = el('input', { type: 'text', name: 'name', required: '' });
    name.value = text;
    var slug = el('input', { type: 'text', name: 'slug', required: '', pattern: '[a-z0-9][a-z0-9-]*' });
    slug.value = slugOf(text);
    name.addEventListener('input', function () { slug.value = slugOf(name.value); });
    var kind = el('select', { name: 'kind' }, ['person', 'organisation', 'state'].map(function (k) {
      return el('option', { value: k, text: k });
    }));
    openForm('New actor', [field('Name', name), field('Slug (file name)', slug), field('Kind', kind)], function () {
      return api('POST', 'actors', { slug: slug.value, name: name.value, kind: kind.value });
    });
  }

  // --- edit and delete on each side note ---------------------------------
  body.querySelectorAll('.sidenote[id^="note-"]').forEach(function (noteEl) {
    var id = decodeURIComponent(noteEl.id.slice('note-'.length));
    var tools = el('span', { class: 'dossier-note-tools' }, [
      button('Edit', function () {
        api('GET', 'annotations/' + article).then(function (r) {
          var a = (r.json.annotations || []).find(function (x) { return x.id === id; });
          if (a) openAnnotation({ quote: a.quote, occurrence: a.occurrence }, a);
        });
      }),
      button('Delete', function () {
        if (!window.confirm('Delete this annotation?')) return;
        status().then(function (before) {
          api('DELETE', 'annotations/' + article + '/' + encodeURIComponent(id)).then(function (r) {
            var box = el('span', { role: 'alert' });
            tools.appendChild(box);
            done(r, before, box);
          });
        });
      }),
    ]);
    tools.querySelectorAll('button').forEach(function (b) { b.setAttribute('aria-label', b.textContent + ' annotation ' + id); });
    noteEl.appendChild(tools);
  });
})();
