"""What a model's landing page shows beyond its own record: lineage graph, similar models, a citation."""

from __future__ import annotations

from registry.fdo.citation import bibtex, citation_of
from registry.fdo.lineage import KINDS, SAME_AS, lineage_of
from registry.fdo.lineage_layout import layout
from registry.fdo.similar import similar_to
from registry.fdo.view import FdoPage
from registry.vocab import SCHEMA

__all__ = ["landing_extras", "LINEAGE_SHOWN_ELSEWHERE"]

# Links the lineage section already shows, left out of "Referenced by" and "Other metadata".
LINEAGE_SHOWN_ELSEWHERE = frozenset({k.predicate for k in KINDS} | {SCHEMA.sameAs.value})


def landing_extras(service, located, page: FdoPage) -> dict:
    """Return the template variables of the landing page's lineage, similar-models and cite boxes."""
    extras: dict = {"cite_bibtex": bibtex(citation_of(page)), "lineage": None, "similar": None,
                    "hidden_inbound": frozenset()}
    if page.is_old_version or located.status == "withdrawn" or page.kind != "model":
        return extras
    lineage = lineage_of(service, located.pid, page.inbound_counts or None)
    extras["hidden_inbound"] = LINEAGE_SHOWN_ELSEWHERE  # the lineage section shows these links
    used = {e.kind.slug for e in lineage.edges} | {g.kind.slug for g in lineage.groups}
    used |= {SAME_AS.slug} if lineage.same_as else set()
    extras.update(lineage=lineage, drawing=layout(lineage), kinds=[k for k in (*KINDS, SAME_AS) if k.slug in used])
    searcher = service.registry.loaded("search")
    if searcher is not None:
        extras["similar"] = similar_to(searcher, located.pid)
    return extras
