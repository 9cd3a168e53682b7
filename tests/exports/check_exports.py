#!/usr/bin/env python3
"""Validates the data exports of a built dossier against their formats.

Usage: check_exports.py SITE_DIR [SEEDS_DIR...]

SITE_DIR is a built site (`dossier build ROOT -d SITE_DIR`). With SEEDS_DIR
(the dossier's `seeds/`), every seed the exports describe must also be
byte-identical to its source there.

- annotations.jsonld (and its pages): JSON-LD expansion with the W3C
  context shipped beside this script (offline; no other context may be
  loaded, and no term may be dropped), the Web Annotation model's rules,
  and every TextPositionSelector sliced from the published seed, by code
  points, to its TextQuoteSelector's exact, with the seed's SHA-256 and
  size;
- entities.ftm.json (and its parts): every line through the
  followthemoney library's model (no abstract schema, every required
  property of the schema and its parents, no value lost to cleaning,
  references that resolve, contentHash the seed's SHA-1);
- timeline.json: the TimelineJS schema written from its documentation,
  and every event and dated article present;
- cite/*.csl.json against the CSL-JSON schema; *.bib through
  bibtexparser; *.ris through rispy;
- dossier.json: each article's seed_sha256 and seed_size;
- no file of the site over 25 MB.

Prints one line per check and `N passed, N failed`; exits 1 on a failure.
"""

import hashlib
import json
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import bibtexparser
import jsonschema
import rispy
from followthemoney import model
from pyld import jsonld

HERE = Path(__file__).resolve().parent
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


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}", flush=True)
        return ok

    def ok(self, what):
        print(f"ok   {what}", flush=True)


def context_loader(url, options=None):
    """Serves the shipped W3C context; refuses every other URL."""
    if url.rstrip("/") in (ANNO_CONTEXT, ANNO_CONTEXT.replace("http:", "https:")):
        document = json.loads((HERE / "anno.jsonld").read_text(encoding="utf-8"))
        return {"contextUrl": None, "documentUrl": url, "document": document}
    raise RuntimeError(f"offline check: refusing to load {url}")


def code_points(text, start, end):
    return text[start:end]


class Site:
    def __init__(self, root, seed_dirs):
        self.root = Path(root)
        self.seed_dirs = [Path(s) for s in seed_dirs]
        self.dossier = json.loads((self.root / "dossier.json").read_text(encoding="utf-8"))
        self.articles = {a["slug"]: a for a in self.dossier["articles"]}
        first = self.read_json("annotations.jsonld")
        self.base = first["id"][: -len("annotations.jsonld")] if first["id"].startswith("http") else ""

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


def expand(c, path, doc, base):
    dropped = []
    expanded = jsonld.expand(
        doc,
        {"documentLoader": context_loader, "base": base + path},
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


def check_annotations(site, c):
    files = annotation_files(site, c)
    collection = files[0][1]
    c.check(collection.get("type") == "AnnotationCollection", "annotations.jsonld: an AnnotationCollection")
    context = collection.get("@context")
    c.check(context == ANNO_CONTEXT or (isinstance(context, list) and context[0] == ANNO_CONTEXT),
            "annotations.jsonld: the W3C context comes first")
    expanded = expand(c, "annotations.jsonld", collection, site.base or LOCAL_BASE)
    c.check(any("http://www.w3.org/ns/activitystreams#OrderedCollection" in n.get("@type", []) for n in expanded),
            "annotations.jsonld: expands to an as:OrderedCollection")
    items = []
    if isinstance(collection.get("first"), dict):
        page = collection["first"]
        c.check(page.get("type") == "AnnotationPage" and page.get("startIndex") == 0, "embedded first page")
        items = [("annotations.jsonld", a) for a in page["items"]]
        nodes = expanded[0]["http://www.w3.org/ns/activitystreams#first"][0]["http://www.w3.org/ns/activitystreams#items"][0]["@list"]
        for node in nodes:
            check_expanded_annotation(c, node.get("@id"), node)
    for i, (path, page) in enumerate(files[1:]):
        c.check(page.get("type") == "AnnotationPage", f"{path}: an AnnotationPage")
        c.check(page.get("startIndex") == len(items), f"{path}: startIndex counts the items before it")
        c.check(site.path_of(page["partOf"], path) == "annotations.jsonld", f"{path}: part of the collection")
        c.check(Path(site.root / path).stat().st_size < MAX_FILE, f"{path}: under 25 MB")
        for node in expand(c, path, page, site.base or LOCAL_BASE):
            for n in node.get("http://www.w3.org/ns/activitystreams#items", [{}])[0].get("@list", []):
                check_expanded_annotation(c, n.get("@id"), n)
        items.extend((path, a) for a in page["items"])
    c.check(collection.get("total") == len(items), f"annotations: total {collection.get('total')} = {len(items)} items")
    seen = set()
    for path, a in items:
        check_annotation(site, c, path, a, seen)
    c.ok(f"annotations: {len(items)} annotations in {len(files)} file(s)")
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
    c.ok(f"ftm: {lines} entities ({counts})")


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


def check_citations(site, c):
    schema = json.loads((HERE / "csl-data.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    for a in site.dossier["articles"]:
        slug, base = a["slug"], site.root / "cite" / a["slug"]
        csl = json.loads(Path(f"{base}.csl.json").read_text(encoding="utf-8"))
        errors = list(validator.iter_errors(csl))
        c.check(not errors, f"{slug}.csl.json: CSL-JSON schema ({[e.message for e in errors[:3]]})")
        c.check(csl[0]["id"] == slug and csl[0]["title"] == a["title"], f"{slug}.csl.json: id and title")
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


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    site = Site(argv[1], argv[2:])
    c = Checks()
    check_no_large_files(site, c)
    check_dossier_json(site, c, site.seed_dirs)
    check_annotations(site, c)
    check_ftm(site, c)
    check_timeline(site, c)
    check_citations(site, c)
    print(f"{site.root}: {c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
