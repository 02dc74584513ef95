"""The listing: a sorted listing of current FDOs and maintained counts, kept in the bookkeeping graph.

Sorting or counting every FDO with SPARQL on each request costs seconds at 100k FDOs. The
listing keeps, for each order (``pid``: by PID; ``popular``: most downloaded first, then by
PID) and each (kind, status) list, a counted trie over a sort key:

- a node per key prefix at a few fixed prefix lengths (``LEVELS``), with ``catCount`` (members
  below it), ``catParent`` and ``catKey`` (the prefix);
- per (platform, kind), the count of active FDOs (``platform_counts``, shown on the home page);
- the member's sort key as a ``catMember`` literal on every level's node, followed by a tab and
  the FDO's display name and identifier (JSON), so a page is read from the listing alone,
  without looking up the 50 FDOs on it one by one (``Entry.name``/``identifier``, kept by the writer).

A page at any offset walks down the counts (skipping whole subtrees) and reads the members of
the first node small enough (``SPLIT``), so its cost depends on the page, not on the registry's
size. The writer records each batch's moves (``Changes``) and commits them in the same update
as the batch; a ``catPending`` marker, written by the first step of a batch and removed by the
second, tells a reopened store to rebuild the listing (``rebuild``), as it does for a store
that has none yet.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, RdfFormat

from registry.store.results import Label
from registry.vocab import MLFDO, SCHEMA, VOLATILE_PROPERTIES

__all__ = ["Entry", "Changes", "LEVELS", "SPLIT", "ORDERS", "is_ready", "ensure", "rebuild", "page", "counts",
           "render", "sort_key", "has_pending", "label_of", "platform_counts", "implied", "differences", "Tally",
           "clear", "write_fresh", "mark_ready"]

ORDERS = ("pid", "popular")
# Prefix lengths of the trie's levels. A popular key is 2 characters for the number of digits of
# the downloads, the inverted digits, then the id: the last level (4 digits) keeps FDOs whose
# downloads share fewer leading digits apart (3 digits left ~1,400 FDOs per leaf at 550k).
LEVELS = {"pid": (1, 2, 3), "popular": (2, 3, 4, 5, 6)}
SPLIT = 400  # a node with at most this many members is read whole instead of descended
VERSION = "3"  # 2: names and identifiers in members, platform counts; 3: a 4-digit popular level. Another rebuilds
STALE_BATCH = 600.0  # seconds: no batch takes this long between its two steps
_M = str(MLFDO)
_COUNT, _PARENT, _KEY, _MEMBER = (f"<{_M}cat{n}>" for n in ("Count", "Parent", "Key", "Member"))
_PENDING, _VERSION = f"<{_M}catPending>", f"<{_M}listingVersion>"
_DOWNLOADS = _M + "downloads"
_CHUNK = 20000
_STATS = ("versions", "triples", "failures")
assert _DOWNLOADS in VOLATILE_PROPERTIES


@dataclass(frozen=True)
class Entry:
    """Where an FDO sits in the listing: its kind, status and downloads."""

    kind: str
    status: str
    downloads: int = 0
    name: str = ""  # the smallest schema:name of the FDO's current content ("" when it has none)
    identifier: str = ""  # likewise its smallest schema:identifier
    platform: str = ""  # the platform it was harvested from ("" when none)


_NAME, _IDENTIFIER = SCHEMA.name.value, SCHEMA.identifier.value


def label_of(pid: str, triples: Iterable, lines: Iterable[str] | None = None) -> tuple[str, str]:
    """Return (name, identifier) of ``pid`` among ``triples``: the smallest value of each, "" when absent.

    It is what ``Store.labels`` shows for the FDO (the first value in sorted order). ``lines``, when
    given, are the triples' N-Triples lines in the same order: only the lines naming the two
    properties of ``pid`` are looked at, instead of every triple's terms.
    """
    if lines is not None:
        name, identifier = f"<{pid}> <{_NAME}> ", f"<{pid}> <{_IDENTIFIER}> "
        values = [(line.startswith(name), t.object.value) for t, line in zip(triples, lines)
                  if line.startswith(name) or line.startswith(identifier)]
        return (min((v for is_name, v in values if is_name), default=""),
                min((v for is_name, v in values if not is_name), default=""))
    names: list[str] = []
    identifiers: list[str] = []
    for t in triples:
        if t.subject.value == pid:
            if t.predicate.value == _NAME:
                names.append(t.object.value)
            elif t.predicate.value == _IDENTIFIER:
                identifiers.append(t.object.value)
    return min(names, default=""), min(identifiers, default="")


@dataclass
class Changes:
    """The listing moves and count changes of one write, rendered by :func:`render`."""

    moves: list[tuple[str, Entry | None, Entry | None]] = field(default_factory=list)
    deltas: dict[str, int] = field(default_factory=dict)  # "versions", "triples", "failures"

    def move(self, pid: str, old: Entry | None, new: Entry | None) -> None:
        """Record that ``pid`` leaves ``old`` (None: was unknown) for ``new`` (None: gone)."""
        if old != new:
            self.moves.append((pid, old, new))

    def add(self, stat: str, n: int) -> None:
        """Add ``n`` to one of the maintained totals (versions, triples, failures)."""
        if n:
            self.deltas[stat] = self.deltas.get(stat, 0) + n

    def __bool__(self) -> bool:
        return bool(self.moves or self.deltas)


# ---------------------------------------------------------------- keys and nodes
_INVERTED = str.maketrans("0123456789", "9876543210")


def sort_key(order: str, fdo_id: str, downloads: int = 0) -> str:
    """Return the string whose plain ordering is the listing order (``popular``: downloads descending)."""
    if order == "pid":
        return fdo_id
    digits = str(max(0, downloads)) if downloads > 0 else ""
    inverted = digits.translate(_INVERTED)  # each digit d becomes 9 - d
    return f"{30 - len(digits):02d}{inverted}{fdo_id}"


def _member(key: str, label: str) -> str:
    """Return the ``catMember`` literal (N-Triples) of a sort key and an FDO's JSON label."""
    # The tab sorts before every character of an id, so members sort as their keys do.
    return str(Literal(f"{key}\t{label}"))


def _id_of(order: str, key: str) -> str:
    if order == "pid":
        return key
    return key[2 + 30 - int(key[:2]):]


class _Names:
    """IRIs of the listing's nodes in one store."""

    def __init__(self, store) -> None:
        self.graph = store.registry_graph
        self.reg = store.registry_graph.value
        self.fdo_prefix = f"{store.base_url}/fdo/"
        self.meta = f"<{self.reg}#cat-meta>"
        self._nodes: dict[tuple[str, str, str, str], str] = {}  # a batch names the same nodes many times

    def fdo_id(self, pid: str) -> str:
        return pid[len(self.fdo_prefix):] if pid.startswith(self.fdo_prefix) else pid

    def pid(self, fdo_id: str) -> str:
        return fdo_id if "://" in fdo_id else self.fdo_prefix + fdo_id

    def top(self, order: str) -> str:
        return f"<{self.reg}#cat-{order}>"

    def node(self, order: str, kind: str, status: str, prefix: str = "") -> str:
        found = self._nodes.get((order, kind, status, prefix))
        if found is None:
            found = f"<{self.reg}#cat-{order}-{quote(kind, safe='')}-{status}-{quote(prefix, safe='')}>"
            self._nodes[(order, kind, status, prefix)] = found
        return found

    def stat(self, name: str) -> str:
        return f"<{self.reg}#cat-stat-{name}>"


def _paths(names: _Names, pid: str, entry: Entry) -> Iterator[tuple[str, str, str, str | None]]:
    """Yield (node, parent, key, member literal or None) for every node counting ``entry``."""
    if entry.status == "withdrawn":
        yield names.node("withdrawn", entry.kind, "withdrawn"), names.top("withdrawn"), entry.kind, None
        return
    if entry.status == "active" and entry.platform:
        node = names.node("platform", entry.platform, entry.kind)
        yield node, names.top("platform"), f"{entry.platform} {entry.kind}", None
    fdo_id = names.fdo_id(pid)
    label = json.dumps([entry.name, entry.identifier], ensure_ascii=False)
    for order in ORDERS:
        key = sort_key(order, fdo_id, entry.downloads)
        member = _member(key, label)
        parent = names.node(order, entry.kind, entry.status)
        yield parent, names.top(order), f"{entry.kind} {entry.status}", None
        for n in LEVELS[order]:
            prefix = key[:n].ljust(n)  # a short key sorts before longer ones, as a space does
            node = names.node(order, entry.kind, entry.status, prefix)
            yield node, parent, prefix, member
            parent = node


# ---------------------------------------------------------------- writing
@dataclass
class Rendered:
    """The listing part of a write: N-Quads to load, DELETE DATA lines and update operations."""

    inserts: list[str]
    deletes: list[str]
    ops: list[str]


def render(store, changes: Changes, fresh: bool = False) -> Rendered:
    """Turn ``changes`` into writes; ``fresh`` writes counts as plain data (the listing is empty)."""
    if fresh:
        tally = Tally(store)
        inserts, deletes = tally.add(changes)
        assert not deletes, "a fresh listing has no member to delete"
        return Rendered(inserts + tally.count_lines(), [], [])
    names = _Names(store)
    counts: dict[str, list] = {}
    inserts, deletes = _count(names, changes, counts)
    return Rendered(inserts, deletes, _count_ops(names.graph, {k: v for k, v in counts.items() if v[2]}))


def _count(names: _Names, changes: Changes, counts: dict[str, list]) -> tuple[list[str], list[str]]:
    """Add ``changes`` to ``counts`` ({node: [parent, key, n]}); return the member lines to insert and to delete."""
    members: dict[str, int] = {}  # net change per member triple: a move within a node cancels out
    for pid, old, new in changes.moves:
        for entry, sign in ((old, -1), (new, 1)):
            if entry is None:
                continue
            for node, parent, key, member in _paths(names, pid, entry):
                found = counts.get(node)
                if found is None:
                    counts[node] = found = [parent, key, 0]
                found[2] += sign
                if member is not None:
                    line = f"{node} {_MEMBER} {member}"
                    members[line] = members.get(line, 0) + sign
    for stat, delta in changes.deltas.items():
        counts.setdefault(names.stat(stat), [names.meta, stat, 0])[2] += delta
    g = names.graph
    return ([f"{line} {g} ." for line, n in members.items() if n > 0],
            [f"GRAPH {g} {{ {line} }}" for line, n in members.items() if n < 0])


class Tally:
    """A listing whose counts are kept in memory until written fresh into a store that has none.

    :meth:`add` counts a write's changes and returns its member lines, which the caller writes
    (members it deletes were written before); :meth:`count_lines` returns every count once all
    writes are added. The bulk loader keeps one over a first harvest, so the listing is written
    with the harvest's own chunks, never rebuilt by reading every FDO back.
    """

    def __init__(self, store) -> None:
        self.names = _Names(store)
        self.counts: dict[str, list] = {}

    def add(self, changes: Changes) -> tuple[list[str], list[str]]:
        """Count ``changes``; return their member lines to insert (N-Quads) and to delete (DELETE DATA)."""
        return _count(self.names, changes, self.counts)

    def members(self, changes: Changes) -> tuple[list[str], list[str]]:
        """Return the member lines :meth:`add` would return for ``changes``, without counting them."""
        return _count(self.names, changes, {})

    def count_lines(self) -> list[str]:
        """Return the N-Quads of every node's count, parent and key."""
        g = self.names.graph
        return [f"{node} {p} {o} {g} ." for node, (parent, key, n) in self.counts.items()
                for p, o in ((_COUNT, Literal(str(n), datatype=_INT)), (_PARENT, parent), (_KEY, Literal(key)))]


_INT = NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _count_ops(g: NamedNode, counts: dict[str, list]) -> list[str]:
    if not counts:
        return []
    deltas = " ".join(f"({node} {n})" for node, (_, _, n) in counts.items())
    rows = " ".join(f"({node} {parent} {Literal(key)} {n})" for node, (parent, key, n) in counts.items())
    # Two steps so no OPTIONAL is needed: bump the counts that exist, then create the missing nodes.
    return [
        f"DELETE {{ GRAPH {g} {{ ?c {_COUNT} ?old }} }} INSERT {{ GRAPH {g} {{ ?c {_COUNT} ?new }} }} "
        f"WHERE {{ VALUES (?c ?d) {{ {deltas} }} GRAPH {g} {{ ?c {_COUNT} ?old }} BIND(?old + ?d AS ?new) }}",
        f"INSERT {{ GRAPH {g} {{ ?c {_COUNT} ?d ; {_PARENT} ?p ; {_KEY} ?k }} }} "
        f"WHERE {{ VALUES (?c ?p ?k ?d) {{ {rows} }} FILTER NOT EXISTS {{ GRAPH {g} {{ ?c {_COUNT} ?x }} }} }}",
    ]


def journal(store) -> tuple[str, str]:
    """Return (N-Quads line marking a batch as begun, DELETE DATA line clearing it)."""
    names = _Names(store)
    line = f"{names.meta} {_PENDING} {Literal(f'{int(time.time())} {uuid.uuid4().hex}')}"
    return f"{line} {names.graph} .", f"GRAPH {names.graph} {{ {line} }}"


# ---------------------------------------------------------------- state of the listing
def is_ready(store) -> bool:
    """Tell whether the store keeps a listing (cached once true)."""
    if getattr(store, "_listing_ready", False):
        return True
    names = _Names(store)
    ready = any(row["v"].value == VERSION for row in store.db.query(
        f"SELECT ?v WHERE {{ GRAPH {names.graph} {{ {names.meta} {_VERSION} ?v }} }}"))
    store._listing_ready = ready
    return ready


def has_pending(store, older_than: float = 0.0) -> bool:
    """Tell whether a batch began ``older_than`` seconds ago or more and did not finish (the listing may be off)."""
    names = _Names(store)
    rows = store.db.query(f"SELECT ?t WHERE {{ GRAPH {names.graph} {{ {names.meta} {_PENDING} ?t }} }}")
    now = time.time()
    return any(now - float(row["t"].value.split(" ", 1)[0]) >= older_than for row in rows)


def ensure(store, shared: bool = False) -> bool:
    """Build the listing when it is missing or a crash left it unfinished; return whether it rebuilt.

    On a ``shared`` store (a SPARQL server several workers write to) a batch's marker is taken for
    a crash only once it is ``STALE_BATCH`` seconds old: a younger one belongs to a running writer.
    """
    if is_ready(store) and not has_pending(store, STALE_BATCH if shared else 0.0):
        return False
    rebuild(store)
    return True


def rebuild(store, bulk: bool = False) -> int:
    """Rebuild the listing from the bookkeeping graph; return how many FDOs it lists.

    ``bulk`` writes it with the bulk loader (see :func:`write_fresh`).
    """
    clear(store)
    changes = implied(store)
    write_fresh(store, changes, bulk)
    return len(changes.moves)


def clear(store) -> None:
    """Delete the listing (members, counts, markers): the store keeps none until one is written."""
    names = _Names(store)
    for p in (_MEMBER, _COUNT, _PARENT, _KEY, _PENDING, _VERSION):
        _delete_all(store, names.graph, p)
    store._listing_ready = False


def implied(store, stats: tuple[str, ...] = _STATS) -> Changes:
    """Return the listing the bookkeeping graph implies, as the moves and ``stats`` totals of a fresh one."""
    names = _Names(store)
    g = names.graph
    downloads = {row["pid"].value: int(row["d"].value) for row in store.db.query(
        f"SELECT ?pid ?d WHERE {{ ?pid <{_DOWNLOADS}> ?d }}")}
    labels: dict[str, dict[str, str]] = {}
    for prop in (_NAME, _IDENTIFIER):  # the current view's, as Store.labels reads them
        for row in store.db.query(f"SELECT ?s ?o WHERE {{ ?s <{prop}> ?o }}"):
            found = labels.setdefault(row["s"].value, {})
            if prop not in found or row["o"].value < found[prop]:
                found[prop] = row["o"].value
    platforms: dict[str, str] = {}
    for row in store.db.query(f"SELECT ?pid ?p WHERE {{ GRAPH {g} {{ ?pid <{_M}platform> ?p }} }}"):
        pid = row["pid"].value  # the smallest, as the writer takes it
        platforms[pid] = min(platforms.get(pid, row["p"].value), row["p"].value)
    changes = Changes()
    for row in store.db.query(f"SELECT ?pid ?kind ?status WHERE {{ GRAPH {g} {{ ?pid <{_M}kind> ?kind ; "
                              f"<{_M}status> ?status }} }}"):
        pid = row["pid"].value
        found = labels.get(pid, {})
        changes.move(pid, None, Entry(row["kind"].value, row["status"].value, downloads.get(pid, 0),
                                      found.get(_NAME, ""), found.get(_IDENTIFIER, ""), platforms.get(pid, "")))
    queries = {"versions": f"SELECT (COUNT(?v) AS ?c) WHERE {{ GRAPH {store.prov_graph} {{ ?v <{_M}versionNumber> ?n }} }}",
               "triples": "SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }",
               "failures": f"SELECT (COUNT(?f) AS ?c) WHERE {{ GRAPH {g} {{ ?f a <{_M}HarvestFailure> }} }}"}
    for stat in stats:
        changes.deltas[stat] = int(next(iter(store.db.query(queries[stat])))["c"].value)
    return changes


def differences(store) -> list[str]:
    """Return how the maintained counts differ from what the bookkeeping graph implies ([] when they agree).

    FDOs by kind and status, active FDOs by platform and kind, versions and failures are compared
    (the count of current triples is left out: every stray triple would show twice).
    """
    want = implied(store, stats=("versions", "failures"))
    by_kind: dict[str, dict[str, int]] = {}
    by_platform: dict[str, dict[str, int]] = {}
    for _, _, entry in want.moves:
        kinds = by_kind.setdefault(entry.kind, {})
        kinds[entry.status] = kinds.get(entry.status, 0) + 1
        if entry.status == "active" and entry.platform:
            platform = by_platform.setdefault(entry.platform, {})
            platform[entry.kind] = platform.get(entry.kind, 0) + 1
    have = counts(store)
    found = []
    for kind in sorted(by_kind.keys() | have["by_kind"].keys()):
        if by_kind.get(kind, {}) != have["by_kind"].get(kind, {}):
            found.append(f"{kind} FDOs by status: listed {have['by_kind'].get(kind, {})}, "
                         f"registered {by_kind.get(kind, {})}")
    have_platforms = platform_counts(store)
    for platform in sorted(by_platform.keys() | have_platforms.keys()):
        if by_platform.get(platform, {}) != have_platforms.get(platform, {}):
            found.append(f"active FDOs of {platform}: listed {have_platforms.get(platform, {})}, "
                         f"registered {by_platform.get(platform, {})}")
    for stat in ("versions", "failures"):
        if have[stat] != want.deltas[stat]:
            found.append(f"{stat}: listed {have[stat]}, stored {want.deltas[stat]}")
    return found


def write_fresh(store, changes: Changes, bulk: bool = False) -> None:
    """Write a whole listing into a store that has none, in chunks, then mark it ready.

    ``bulk`` writes it with the bulk loader (not atomic: for a store inside a bulk session's journal).
    """
    rendered = render(store, changes, fresh=True)
    if bulk:
        store.db.bulk_load("\n".join(rendered.inserts), RdfFormat.N_QUADS)
    else:
        for start in range(0, len(rendered.inserts), _CHUNK):
            store.db.load("\n".join(rendered.inserts[start:start + _CHUNK]), RdfFormat.N_QUADS)
    mark_ready(store)


def mark_ready(store) -> None:
    """Mark the store's listing as complete and of this version."""
    names = _Names(store)
    store.db.update(f"INSERT DATA {{ GRAPH {names.graph} {{ {names.meta} {_VERSION} {Literal(VERSION)} }} }}")
    store._listing_ready = True


def _delete_all(store, g: NamedNode, predicate: str) -> None:
    while True:  # in slices: one huge delete is one huge transaction
        rows = list(store.db.query(f"SELECT ?s ?o WHERE {{ GRAPH {g} {{ ?s {predicate} ?o }} }} LIMIT {_CHUNK}"))
        if not rows:
            return
        lines = "\n".join(f"GRAPH {g} {{ {r['s']} {predicate} {r['o']} }}" for r in rows)
        store.db.update("DELETE DATA {\n" + lines + "\n}")


# ---------------------------------------------------------------- reading
def counts(store) -> dict:
    """Return the maintained counts: FDOs by kind and status, versions, current triples, failures."""
    names = _Names(store)
    tops = [names.top("pid"), names.top("withdrawn"), names.meta]
    by_parent = _children_of(store, tops)  # one query for the three lists of counts
    by_kind: dict[str, dict[str, int]] = {}
    for key, n in sorted(by_parent.get(tops[0], {}).items()):
        kind, status = key.rsplit(" ", 1)
        if n:
            by_kind.setdefault(kind, {})[status] = n
    for kind, n in sorted(by_parent.get(tops[1], {}).items()):
        if n:
            by_kind.setdefault(kind, {})["withdrawn"] = n
    stats = by_parent.get(tops[2], {})
    return {"fdos": sum(sum(v.values()) for v in by_kind.values()), "by_kind": by_kind,
            "versions": stats.get("versions", 0), "current_triples": stats.get("triples", 0),
            "failures": stats.get("failures", 0)}


def platform_counts(store) -> dict[str, dict[str, int]]:
    """Return the maintained {platform: {kind: active FDOs}}."""
    found: dict[str, dict[str, int]] = {}
    for key, n in _children(store, [_Names(store).top("platform")]):
        platform, kind = key.rsplit(" ", 1)
        if n:
            found.setdefault(platform, {})[kind] = n
    return found


def page(store, order: str, kind: str | None, statuses: Iterable[str], offset: int,
         limit: int | None) -> list[tuple[str, Label]]:
    """Return (PID, label) of the FDOs at ``offset`` (at most ``limit``) of the listing in ``order``.

    The labels (name, identifier, kind, status) come from the listing's members: no lookup per FDO.
    """
    names = _Names(store)
    wanted = set(statuses)
    lists = [tuple(key.rsplit(" ", 1)) for key, n in _children(store, [names.top(order)]) if n]
    lists = [(k, s) for k, s in lists if s in wanted and (kind is None or k == kind)]
    if not lists:
        return []
    need = limit if limit is not None else sum(n for _, n in _children(store, [names.node(order, k, s) for k, s in lists]))
    out: list[tuple[str, int]] = []
    _walk(store, names, order, lists, "", 0, max(0, offset), need, out)
    listed = []
    for member, i in out:
        key, label = member.split("\t", 1)
        name, identifier = json.loads(label)
        k, s = lists[i]
        listed.append((names.pid(_id_of(order, key)), Label(name or None, identifier or None, k, s)))
    return listed


def _walk(store, names: _Names, order: str, lists, prefix: str, depth: int, skip: int, need: int,
          out: list[tuple[str, int]]) -> int:
    levels = LEVELS[order]
    parents = [names.node(order, k, s, prefix) for k, s in lists]
    for child, n in _children(store, parents):
        if len(out) >= need:
            break
        if skip >= n:
            skip -= n
            continue
        if n <= SPLIT or depth == len(levels) - 1:
            members = sorted(_members(store, [names.node(order, k, s, child) for k, s in lists]))
            out.extend(members[skip:skip + need - len(out)])
            skip = 0
        else:
            skip = _walk(store, names, order, lists, child, depth + 1, skip, need, out)
    return skip


def _children_of(store, parents: list[str]) -> dict[str, dict[str, int]]:
    """Return, per parent, {key: count} of its children (one query)."""
    g = _Names(store).graph
    # One UNION branch per parent, the parent written into the pattern: with ``VALUES ?p`` outside,
    # pyoxigraph may scan every node's parent link (0.5-9 ms at 100k FDOs against 0.4-0.7 ms).
    q = "SELECT ?i ?k ?n WHERE { " + " UNION ".join(
        f"{{ GRAPH {g} {{ ?c {_PARENT} {p} . ?c {_KEY} ?k . ?c {_COUNT} ?n }} BIND({i} AS ?i) }}"
        for i, p in enumerate(parents)) + " }"
    found: dict[str, dict[str, int]] = {}
    for row in store.db.query(q):
        found.setdefault(parents[int(row["i"].value)], {})[row["k"].value] = int(row["n"].value)
    return found


def _children(store, parents: list[str]) -> list[tuple[str, int]]:
    """Return (key, count) of the children of ``parents``, counts summed by key, sorted by key."""
    summed: dict[str, int] = {}
    for children in _children_of(store, parents).values():
        for key, n in children.items():
            summed[key] = summed.get(key, 0) + n
    return sorted(summed.items())


def _members(store, nodes: list[str]) -> list[tuple[str, int]]:
    """Return (member, index of its node in ``nodes``) of the members of ``nodes``."""
    g = _Names(store).graph
    q = "SELECT ?m ?i WHERE { " + " UNION ".join(
        f"{{ GRAPH {g} {{ {c} {_MEMBER} ?m }} BIND({i} AS ?i) }}" for i, c in enumerate(nodes)) + " }"
    return [(row["m"].value, int(row["i"].value)) for row in store.db.query(q)]
