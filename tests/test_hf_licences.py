"""Hub licence identifiers to SPDX ids or named licences."""

from __future__ import annotations

import pytest

from harvesters.huggingface.licences import HF_NAMED, HF_TO_SPDX, resolve_licence


@pytest.mark.parametrize("value, spdx", [
    ("apache-2.0", "Apache-2.0"), ("mit", "MIT"), ("cc-by-nc-4.0", "CC-BY-NC-4.0"), ("gpl-3.0", "GPL-3.0-only"),
    ("agpl-3.0", "AGPL-3.0-only"), ("odbl", "ODbL-1.0"), ("c-uda", "C-UDA-1.0"), ("pddl", "PDDL-1.0"),
    ("Apache-2.0", "Apache-2.0"), ("  MIT ", "MIT"), ("cc_by_4.0", "CC-BY-4.0"),
    ("GPL-3.0-or-later", "GPL-3.0-or-later"),
])
def test_hub_and_spdx_spellings_resolve_to_spdx(value, spdx):
    lic = resolve_licence(value)
    assert lic.spdx == spdx and lic.problem is None


@pytest.mark.parametrize("value", ["llama2", "llama3.1", "gemma", "creativeml-openrail-m", "openrail++", "bsd", "gpl"])
def test_hub_licences_without_spdx_id_are_named(value):
    lic = resolve_licence(value)
    assert lic.spdx is None and lic.key == value and lic.name == HF_NAMED[value] and lic.problem is None


def test_every_hub_id_resolves_without_problem():
    for value in [*HF_TO_SPDX, *HF_NAMED]:
        lic = resolve_licence(value)
        assert lic.usable and lic.problem is None, value


def test_other_with_name_and_link_is_a_named_licence():
    lic = resolve_licence("other", name="exaone", link="LICENSE")
    assert (lic.key, lic.name, lic.url, lic.problem) == ("exaone", "exaone", "LICENSE", None)


def test_other_whose_name_is_a_known_id_uses_it():
    assert resolve_licence("other", name="llama3").name == HF_NAMED["llama3"]
    assert resolve_licence("other", name="apache-2.0").spdx == "Apache-2.0"


def test_other_with_only_a_link_is_keyed_by_the_link():
    lic = resolve_licence("other", link="https://example.org/terms")
    assert lic.key == "https://example.org/terms" and lic.url == "https://example.org/terms"


def test_other_without_name_or_link_is_a_problem():
    lic = resolve_licence("other")
    assert not lic.usable and "without license_name" in lic.problem


@pytest.mark.parametrize("value", ["unknown", "license", "licence", ""])
def test_values_that_state_nothing_are_not_licences(value):
    assert not resolve_licence(value).usable


def test_unknown_strings_are_kept_named_and_reported():
    lic = resolve_licence("My Custom Licence v2")
    assert lic.key == "my-custom-licence-v2" and lic.name == "My Custom Licence v2"
    assert "neither a Hub licence id nor an SPDX id" in lic.problem


def test_non_strings_are_problems():
    assert "not a string" in resolve_licence(3).problem
    assert resolve_licence(None).problem is None and not resolve_licence(None).usable
