"""The HTML landing page: what it shows, the schema.org JSON-LD in its head, and safe card text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest


class Page(HTMLParser):
    """Collect text, links, scripts and sections of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self.scripts: list[tuple[str | None, str]] = []
        self.head_links: list[dict] = []
        self.ids: set[str] = set()
        self._script: str | None = None
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "link":
            self.head_links.append(attrs)
        if tag == "script":
            self._in_script, self._script = True, attrs.get("type")
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            kind, body = self.scripts[-1]
            self.scripts[-1] = (kind, body + data)
        else:
            self.text.append(data)

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture
def landing(client, ids) -> Page:
    r = client.get(f"/fdo/{ids.base_lm}", headers={"Accept": "text/html"})
    assert r.status_code == 200
    return Page(r.get_data(as_text=True))


def test_landing_shows_the_model(landing):
    text = landing.all_text
    for expected in ("base-lm", "acme/base-lm", "now trained on two corpora", "Text Generation", "Apache-2.0",
                     "ACME Research", "wikitext", "glue", "A Paper About Base Models", "2,345 downloads",
                     "60 likes", "transformers", "Cite as http://registry.test/fdo/3krpxs3xvfvka"):
        assert expected in text, expected


def test_landing_shows_lineage_both_ways_with_kinds(client, ids):
    base = Page(client.get(f"/fdo/{ids.base_lm}", headers={"Accept": "text/html"}).get_data(as_text=True))
    assert "fine-tuned as · 1 model base-lm-finetuned" in base.all_text
    assert "quantized as · 1 model base-lm-gguf" in base.all_text
    child = Page(client.get(f"/fdo/{ids.finetuned}", headers={"Accept": "text/html"}).get_data(as_text=True))
    assert "fine-tuned from base-lm" in child.all_text
    assert f"/fdo/{ids.base_lm}" in child.links


def test_landing_shows_evaluations_as_a_table(landing):
    text = landing.all_text
    assert "Evaluation results" in text
    assert "Dataset Metric Value" in text
    assert "wikitext perplexity 12.5" in text
    assert "glue accuracy 0.81" in text


def test_landing_shows_card_sections_and_versions_and_validation(landing):
    text = landing.all_text
    assert {"card", "versions", "validation", "lineage", "evaluation", "representations"} <= landing.ids
    assert "Intended use" in text and "Bias, risks and limitations" in text and "Code sample" in text
    assert "pipeline('text-generation', 'acme/base-lm')" in text
    assert "v2 · 2024-09-01 latest" in text and "v1 · 2024-05-01" in text
    # validated on ingest, as by default: its evaluations lack names, metrics and results (warnings only)
    assert "conforms to FAIR4ML shapes" in text and "8 warnings" in text and "not validated" not in text
    assert "the evaluation has no schema:name: say what was measured on which data" in text


def test_landing_links_to_every_representation(landing, ids):
    base = f"/fdo/{ids.base_lm}"
    for href in (f"{base}.html", f"{base}.jsonld", f"{base}.ttl", f"{base}.nt", f"{base}.rdf", f"{base}/record",
                 f"{base}/ro-crate", f"{base}/linkset", f"{base}/linkset.json", f"{base}/versions",
                 f"{base}/versions.link", f"{base}/v/1", f"{base}/v/2", f"{base}/diff?from=1&to=2"):
        assert href in landing.links, href
    types = {link.get("type") for link in landing.head_links if "describedby" in link.get("rel", "")}
    assert {"application/ld+json", "text/turtle", "application/n-triples", "application/rdf+xml"} <= types


def test_landing_embeds_schema_org_jsonld(landing, ids):
    blocks = [body for kind, body in landing.scripts if kind == "application/ld+json"]
    assert len(blocks) == 1
    doc = json.loads(blocks[0])
    assert doc["@context"] == "https://schema.org/"
    assert doc["@id"] == f"http://registry.test/fdo/{ids.base_lm}"
    assert doc["name"] == "base-lm"
    assert doc["license"] == ["https://spdx.org/licenses/Apache-2.0"]
    assert doc["author"][0]["name"] == "ACME Research" and doc["author"][0]["@type"] == "Organization"
    assert "https://w3id.org/fair4ml#MLModel" in doc["additionalType"]
    assert {d["name"] for d in doc["isBasedOn"]} == {"wikitext", "glue"}


def test_card_text_cannot_run_script(landing):
    assert [kind for kind, _ in landing.scripts] == ["application/ld+json"]
    assert not any(href.startswith("javascript:") for href in landing.links)
    assert "<script>alert('card')</script>" in landing.all_text  # shown as text, escaped


def test_schema_org_block_cannot_close_the_script_element(app, client, ids):
    from registry.web.templating import render_markdown

    assert "<script" not in str(render_markdown("<script>x</script> <img src=x onerror=alert(1)>"))
    html = client.get(f"/fdo/{ids.base_lm}", headers={"Accept": "text/html"}).get_data(as_text=True)
    head = html.split("</head>")[0]
    assert head.count("</script>") == 1


def test_version_page_is_marked_as_old(client, ids):
    page = Page(client.get(f"/fdo/{ids.base_lm}/v/1", headers={"Accept": "text/html"}).get_data(as_text=True))
    assert "You are looking at version 1 of 2" in page.all_text
    assert "A small base language model for tests." in page.all_text
    assert "now trained on two corpora" not in page.all_text


def test_non_model_pages_list_what_refers_to_them(client, ids):
    page = Page(client.get(f"/fdo/{ids.wikitext}", headers={"Accept": "text/html"}).get_data(as_text=True))
    assert "Referenced by" in page.all_text
    assert "As “trained on” base-lm" in page.all_text
    org = Page(client.get(f"/fdo/{ids.acme}", headers={"Accept": "text/html"}).get_data(as_text=True))
    assert "As “shared by”" in org.all_text and "base-lm-finetuned" in org.all_text


def test_home_page_lists_models(client):
    page = Page(client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True))
    assert "base-lm" in page.all_text and "4 models" in page.all_text
    assert "old-model" not in page.all_text  # withdrawn
    assert "/search" in page.links and "/sparql" in page.links


def test_long_lineage_lists_link_to_all_of_them():
    from pyoxigraph import Literal, NamedNode, Triple

    from registry.record import Record
    from registry.service import Registry
    from registry.settings import load_settings
    from registry.store import Store
    from registry.vocab import FAIR4ML, RDF, SCHEMA
    from registry.web import create_app

    store = Store.open(None, "http://registry.test")
    base = NamedNode(store.pid("baseaaaaaaaaa"))
    records = [Record(base.value, [Triple(base, RDF.type, FAIR4ML.MLModel), Triple(base, SCHEMA.name, Literal("big"))])]
    for i in range(60):
        child = NamedNode(store.pid(f"child{i:02d}aaaaaa"[:13]))
        records.append(Record(child.value, [Triple(child, RDF.type, FAIR4ML.MLModel),
                                            Triple(child, SCHEMA.name, Literal(f"child-{i:02d}")),
                                            Triple(child, FAIR4ML.fineTunedFrom, base)]))
    store.ingest_many(records)
    registry = Registry(load_settings(environ={}, overrides={"BASE_URL": "http://registry.test"}), store)
    client = create_app({"REGISTRY": registry, "TESTING": True, "SPARQL_ISOLATION": "thread"}).test_client()
    page = Page(client.get("/fdo/baseaaaaaaaaa", headers={"Accept": "text/html"}).get_data(as_text=True))
    assert "Models derived from this one (60)" in page.all_text
    assert "fine-tuned as · 60 models" in page.all_text and "+ 55 more" in page.all_text  # collapsed, counted
    more = [href for href in page.links if href.startswith("/sparql?")]
    assert len(more) == 1 and "30 most downloaded shown. All 60 (fine-tuned as)" in page.all_text
    table = Page(client.get(more[0], headers={"Accept": "text/html"}).get_data(as_text=True))
    assert "60 rows" in table.all_text
    registry.close()


def test_validation_results_are_shown_with_the_version():
    from pyoxigraph import Literal, NamedNode, Triple

    from registry.record import Record
    from registry.service import Registry
    from registry.settings import load_settings
    from registry.store import Store
    from registry.validate import Validator
    from registry.vocab import FAIR4ML, RDF, SCHEMA
    from registry.web import create_app

    store = Store.open(None, "http://registry.test", validator=Validator.default())
    pid = store.pid("badbadbadbadb")
    s = NamedNode(pid)
    store.ingest(Record(pid, [Triple(s, RDF.type, FAIR4ML.MLModel), Triple(s, SCHEMA.name, Literal("no-id")),
                              Triple(s, SCHEMA.license, Literal("not an IRI"))]))
    registry = Registry(load_settings(environ={}, overrides={"BASE_URL": "http://registry.test"}), store)
    client = create_app({"REGISTRY": registry, "TESTING": True}).test_client()
    page = Page(client.get("/fdo/badbadbadbadb", headers={"Accept": "text/html"}).get_data(as_text=True))
    assert "2 violations" in page.all_text
    for message in ("schema:identifier is missing: every FDO needs its platform id",  # the shapes' own words
                    "schema:license must be an IRI (an SPDX licence or a licence FDO), not text"):
        assert message in page.all_text
    registry.close()


def test_fdo_pages_run_no_script_but_their_own_nonced_ones(client, ids):
    for path in (f"/fdo/{ids.base_lm}", f"/fdo/{ids.base_lm}/v/1", f"/fdo/{ids.base_lm}/versions",
                 f"/fdo/{ids.base_lm}/diff", f"/fdo/{ids.old}"):
        r = client.get(path, headers={"Accept": "text/html"})
        directives = dict(part.strip().split(" ", 1) for part in r.headers["Content-Security-Policy"].split(";"))
        sources = directives["script-src"].split()
        assert len(sources) == 1 and (sources[0] == "'none'" or sources[0].startswith("'nonce-")), (path, sources)
        nonce = sources[0][len("'nonce-"):-1] if sources[0].startswith("'nonce-") else None
        for tag in re.findall(r"<script\b[^>]*>", r.get_data(as_text=True)):
            if 'type="application/ld+json"' in tag:
                continue  # a data block (the page's JSON-LD), never executed
            assert nonce and f'nonce="{nonce}"' in tag, (path, tag)
