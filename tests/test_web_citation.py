"""Citations of an FDO: BibTeX and CSL-JSON by content negotiation and by suffix, and the cite box."""

from __future__ import annotations

import json

import bibtexparser
import pytest

from registry.web import create_app
from tests.data.interfaces.fixture import BASE, FAMILY, family_registry


@pytest.fixture(scope="module")
def client():
    registry = family_registry()
    yield create_app({"REGISTRY": registry, "TESTING": True, "SPARQL_ISOLATION": "thread"}).test_client()
    registry.close()


def test_bibtex_by_accept_names_pid_version_date_and_authors(client):
    response = client.get(f"/fdo/{FAMILY.chat}", headers={"Accept": "application/x-bibtex"})
    assert response.status_code == 200 and response.mimetype == "application/x-bibtex"
    assert "Accept" in response.headers["Vary"]
    library = bibtexparser.parse_string(response.get_data(as_text=True))
    assert len(library.entries) == 1 and not library.failed_blocks
    entry = library.entries[0]
    assert entry.entry_type == "misc"
    assert entry["url"] == f"{BASE}/fdo/{FAMILY.chat}"
    assert entry["version"] == "2" and entry["year"] == "2024" and entry["date"] == "2024-06-01"
    assert entry["author"] == r"{Demo Lab \& Friends}"  # an organisation: one name, LaTeX-escaped
    assert entry["title"] == "{mid-lm-chat}"


def test_csl_json_by_suffix_is_one_item(client):
    response = client.get(f"/fdo/{FAMILY.mid}.csl.json")
    assert response.status_code == 200 and response.mimetype == "application/vnd.citationstyles.csl+json"
    (item,) = json.loads(response.get_data(as_text=True))
    assert item["id"] == item["URL"] == f"{BASE}/fdo/{FAMILY.mid}"
    assert item["type"] == "software" and item["title"] == "mid-lm" and item["version"] == "1"
    assert item["author"] == [{"literal": "Demo Lab & Friends"}]
    assert item["issued"] == {"date-parts": [[2024, 3, 1]]}


def test_bib_suffix_and_old_version_cite_that_version(client):
    current = client.get(f"/fdo/{FAMILY.chat}.bib").get_data(as_text=True)
    old = client.get(f"/fdo/{FAMILY.chat}/v/1.bib")
    assert old.status_code == 200
    entry = bibtexparser.parse_string(old.get_data(as_text=True)).entries[0]
    assert entry["version"] == "1" and entry["date"] == "2024-03-01"
    assert "version = {2}" in current


def test_csl_json_of_a_dataset_is_typed_dataset(client):
    (item,) = client.get(f"/fdo/{FAMILY.tales}", headers={"Accept": "application/vnd.citationstyles.csl+json"}).json
    assert item["type"] == "dataset" and item["title"] == "tinytales"


def test_landing_page_has_a_cite_box_with_both_formats(client):
    html = client.get(f"/fdo/{FAMILY.chat}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'id="cite"' in html and "@misc{mlfdo-gg3i6blqbjmqb-v2," in html
    assert f'href="/fdo/{FAMILY.chat}.bib"' in html and f'href="/fdo/{FAMILY.chat}.csl.json"' in html
