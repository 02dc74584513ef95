"""The FDO service the web views call: locate FDOs, build pages, representations and history."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote
from datetime import datetime

from pyoxigraph import Triple

from registry.errors import BadRequest, Gone, NotFound
from registry.fdo.model import Fdo, Ref, Relation, make_ref, read_version, refs_for
from registry.fdo.representations import Variant, serialize
from registry.fdo.urls import FdoUrls
from registry.fdo.view import FdoPage, InboundGroup, build_page, humanise
from registry.pid import id_from_pid, is_fdo_id
from registry.relations import INBOUND, LINEAGE
from registry.store.query_text import inbound_listing
from registry.vocab import SCHEMA
from registry.store.results import Diff, VersionInfo

__all__ = ["FdoService", "Located", "Withdrawn", "INBOUND_LIMIT"]

INBOUND_LIMIT = 50  # FDOs listed per inbound relation on a landing page


@dataclass(frozen=True)
class Located:
    """A known FDO: its PID, id, status (active, stub, withdrawn) and kind."""

    pid: str
    fdo_id: str
    status: str
    kind: str | None


class Withdrawn(Gone):
    """A withdrawn FDO: answered with a 410 tombstone that keeps its signposting."""

    def __init__(self, located: Located, page: FdoPage) -> None:
        reason = (page.withdrawal or {}).get("reason", "")
        super().__init__(f"{located.pid} was withdrawn" + (f": {reason}" if reason else ""), pid=located.pid)
        self.located = located
        self.page = page


class FdoService:
    """Read FDOs for people and machines; one instance per registry."""

    def __init__(self, registry) -> None:
        self.registry = registry
        self.store = registry.store
        self.base_url = registry.base_url

    # ------------------------------------------------------------ lookup
    def urls(self, fdo_id: str, relative: bool = False) -> FdoUrls:
        """Return the URL layout of an FDO (absolute under the base URL, or site-relative)."""
        return FdoUrls("" if relative else self.base_url, fdo_id)

    def locate(self, fdo_id: str) -> Located:
        """Return the FDO with this id. Raises NotFound."""
        pid = self.store.pid(fdo_id) if is_fdo_id(fdo_id) else None
        status = self.store.status(pid) if pid else None
        if pid is None or status is None:
            raise NotFound(f"no FDO with id {fdo_id!r}", id=fdo_id)
        return Located(pid, fdo_id, status, self.store.kind(pid))

    def current(self, fdo_id: str) -> Located:
        """Return a current (not withdrawn) FDO. Raises NotFound, or Withdrawn for a withdrawn one."""
        located = self.locate(fdo_id)
        if located.status == "withdrawn":
            raise Withdrawn(located, self.tombstone(located))
        return located

    def resolve_alias(self, ref: str) -> str | None:
        """Return the id of the FDO an alias or ``platform:id`` reference points to, or None."""
        pid = self.store.resolve(ref)
        return id_from_pid(self.base_url, pid) if pid else None

    # ------------------------------------------------------------ content
    def triples(self, located: Located, version: int | None = None) -> list[Triple]:
        """Return the current view of an FDO, or its version ``version``. Raises NotFound."""
        if version is None:
            return self.store.current(located.pid)
        return self.store.version(located.pid, version)

    def representation(self, located: Located, variant: Variant, version: int | None = None) -> bytes:
        """Return an RDF representation of an FDO (current view or one version)."""
        return serialize(self.triples(located, version), variant)

    def page(self, located: Located, version: int | None = None) -> FdoPage:
        """Return the landing page (or, with ``version``, the version page) of an FDO."""
        versions = self._versions(located.pid)
        shown = None
        if version is not None:
            shown = next((v for v in versions if v.number == version), None)
            if shown is None:
                raise NotFound(f"{located.pid} has no version {version}", id=located.fdo_id, version=version)
        page = build_page(read_version(self.store, located.pid, version, located.status, located.kind))
        page.versions = versions
        page.shown_version = shown or (versions[-1] if versions else None)
        if page.shown_version is not None:
            page.validation = self.store.validation_results(located.pid, page.shown_version.number)
        if version is None and located.status != "withdrawn":
            self._add_inbound(page)
        return page

    def tombstone(self, located: Located) -> FdoPage:
        """Return what the tombstone of a withdrawn FDO shows: its last version, and why it went."""
        versions = self._versions(located.pid)
        last = versions[-1].number if versions else None
        if last:
            page = build_page(read_version(self.store, located.pid, last, "withdrawn", located.kind))
        else:
            page = build_page(Fdo(located.pid, located.fdo_id, located.kind, "withdrawn", located.fdo_id))
        page.versions = versions
        page.shown_version = versions[-1] if versions else None
        page.withdrawal = self.store.withdrawal(located.pid)
        return page

    # ------------------------------------------------------------ history
    def versions(self, located: Located) -> list[VersionInfo]:
        """Return every version of an FDO, oldest first."""
        return self._versions(located.pid)

    def version_at(self, located: Located, when: datetime) -> VersionInfo:
        """Return the version current at ``when`` (the first one for an earlier time). Raises NotFound."""
        versions = self._versions(located.pid)
        if not versions:
            raise NotFound(f"{located.pid} has no versions")
        earlier = [v for v in versions if v.generated_at <= when]
        return earlier[-1] if earlier else versions[0]

    def diff(self, located: Located, a: int | None, b: int | None) -> Diff:
        """Compare two versions (default: the last two). Raises NotFound or BadRequest."""
        count = len(self._versions(located.pid))
        b = count if b is None else b
        a = max(1, b - 1) if a is None else a
        if a < 1 or b < 1:
            raise BadRequest("version numbers start at 1")
        return self.store.diff(located.pid, a, b)

    def labels(self, iris: list[str]) -> dict[str, Ref]:
        """Return a Ref (label, link, kind) for each IRI."""
        return refs_for(self.store, iris)

    def listing_page(self, kind: str | None, offset: int, limit: int, include_stubs: bool = True,
             order: str = "pid") -> list[Ref]:
        """Return a Ref for each FDO of one listing page (labels read with the page, see ``Store.listed``)."""
        listed = self.store.listed(kind, offset, limit, include_stubs, order)
        return [make_ref(pid, label, self.store.base_url) for pid, label in listed]

    # ------------------------------------------------------------ internals
    def _versions(self, pid: str) -> list[VersionInfo]:
        return self.store.versions(pid)

    def _add_inbound(self, page: FdoPage) -> None:
        # A model's lineage (derivatives, isBasedOn) is read and drawn by registry/fdo/lineage.py; here it is
        # only left out, so a base model's thousands of derivatives are never read row by row.
        exclude = [*LINEAGE, SCHEMA.isBasedOn.value] if page.kind == "model" else []
        page.inbound_counts = self.store.inbound_predicates(page.pid)
        links = self.store.inbound_summary(page.pid, exclude, INBOUND_LIMIT, page.inbound_counts)
        refs = refs_for(self.store, {o for _, owners in links.values() for o in owners})
        for predicate, (total, owners) in links.items():
            shown = tuple(sorted((refs[o] for o in owners), key=lambda r: (r.label.lower(), r.iri)))
            lineage = LINEAGE.get(predicate)
            more = _sparql_url(inbound_listing(page.pid, [predicate])) if total > len(shown) else None
            if lineage:
                page.lineage_in.extend(Relation(lineage.backwards, predicate, r) for r in shown)
                page.lineage_in_total += total
                page.lineage_in_more = page.lineage_in_more or more
            else:
                label = INBOUND[predicate].label if predicate in INBOUND else humanise(predicate)
                page.inbound.append(InboundGroup(predicate, label, shown, total, more))


def _sparql_url(query: str) -> str:
    return "/sparql?format=html&query=" + quote(query, safe="")
