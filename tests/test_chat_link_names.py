"""The record a question for linked models names: a month and year it writes that the record's identifier spells as
its date code say which record is meant, no topic of the linked models; an owner's possessive picks that owner's
record of several read for the name."""

from __future__ import annotations

from registry.chat.links import _dated, _owned_values
from registry.search.understand import stem

BASES = ("mistralai/Mistral-Small-24B-Base-2501", "unsloth/Mistral-Small-24B-Base-2501")


def test_a_month_and_year_the_identifier_spells_name_the_record():
    text = "What has been fine-tuned or merged from Mistral's Small 24B base checkpoint of January 2025?"
    assert _dated(text, BASES) == {stem("january"), "2025"}


def test_a_month_and_year_the_identifier_does_not_spell_stay_the_topic():
    assert _dated("Which fine-tunes of Mistral Small from March 2025 write poems?", BASES) == set()
    assert _dated("Which models trained on the March 2024 dump answer questions?", ("acme/wiki-dump",)) == set()


def test_an_owners_possessive_picks_that_owners_record():
    text = "What has been fine-tuned from Mistral's Small 24B base checkpoint?"
    assert _owned_values(text, BASES, lambda owner: ()) == ("mistralai/Mistral-Small-24B-Base-2501",)


def test_an_owner_the_organisations_give_accounts_to_picks_them():
    values = ("facebook/opt-1.3b", "someone/opt-1.3b")
    accounts = {"Meta": ("meta-llama", "facebook")}
    assert _owned_values("Which models build on Meta's OPT 1.3B?", values, lambda o: accounts.get(o, ())) == \
        ("facebook/opt-1.3b",)


def test_no_possessive_or_one_picking_none_keeps_every_record():
    assert _owned_values("What has been built on the Small 24B base?", BASES, lambda owner: ()) == BASES
    assert _owned_values("What has Acme's team built on the Small 24B base?", BASES, lambda owner: ()) == BASES
