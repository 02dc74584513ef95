"""Store commands: ingest, show, history, diff, validate, sparql, export, stats."""

from __future__ import annotations

import csv
import json
import sys
from itertools import chain
from pathlib import Path

import click
from pyoxigraph import QueryBoolean, QuerySolutions

from registry.cli import cli
from registry.deadletters import with_dead_letters
from registry.cli.common import first_load, open_registry, resolve_or_fail
from registry.errors import InputError, QueryError
from registry.rdfio import format_by_name, parse_file, serialize_quads, serialize_triples
from registry.records_from_rdf import records_from_quads


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def ingest(ctx: click.Context, files: tuple[Path, ...]) -> None:
    """Ingest FAIR4ML records from JSON-LD, Turtle, N-Triples or RDF/XML files.

    Every file is parsed before anything is written: a bad file stops the command with
    its name and line, and nothing already stored is touched.
    """
    with open_registry(ctx) as registry, first_load(registry):
        records = []
        for path in files:
            quads = parse_file(path, base_iri=registry.base_url + "/")
            records.extend(records_from_quads(quads, registry.base_url, str(path)))
        counts: dict[str, int] = {}
        with click.progressbar(length=len(records), label="ingesting", file=sys.stderr) as bar:
            results = registry.store.ingest_many(records, progress=lambda r: bar.update(1))
        for result in results:
            counts[result.status] = counts.get(result.status, 0) + 1
            if result.status == "failed":
                click.echo(f"failed: {result.pid}: {result.error}", err=True)
        click.echo(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
        if counts.get("failed"):
            sys.exit(2)


@cli.command()
@click.argument("ref")
@click.option("--format", "fmt", default="ttl", type=click.Choice(["ttl", "jsonld", "nt", "rdf"]), show_default=True)
@click.option("--version", "version", type=int, default=None, help="Show version N instead of the current view.")
@click.pass_context
def show(ctx: click.Context, ref: str, fmt: str, version: int | None) -> None:
    """Print an FDO (current view, or one version) in an RDF format."""
    with open_registry(ctx) as registry:
        pid = resolve_or_fail(registry, ref)
        triples = registry.store.version(pid, version) if version else registry.store.current(pid)
        click.echo(serialize_triples(triples, format_by_name(fmt)).decode("utf-8"))


@cli.command()
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def history(ctx: click.Context, ref: str, as_json: bool) -> None:
    """List the versions of an FDO with their provenance."""
    with open_registry(ctx) as registry:
        pid = resolve_or_fail(registry, ref)
        versions = registry.store.versions(pid)
        if as_json:
            click.echo(json.dumps([{"version": v.number, "iri": v.iri, "generated_at": v.generated_at.isoformat(),
                                    "hash": v.content_hash, "source": v.source_url, "etag": v.source_etag,
                                    "conforms": v.conforms, "checks": v.check_count} for v in versions], indent=2))
            return
        click.echo(pid)
        for v in versions:
            shacl = "" if v.conforms is None else (" conforms" if v.conforms else f" {v.violations} violation(s)")
            checked = f", checked {v.check_count}x (last {v.last_checked:%Y-%m-%d %H:%M})" if v.check_count else ""
            click.echo(f"  v{v.number}  {v.generated_at:%Y-%m-%d %H:%M:%S}  {v.content_hash[:12]}  "
                       f"{v.harvester or '-'}{shacl}{checked}")


@cli.command()
@click.argument("ref")
@click.argument("a", type=int)
@click.argument("b", type=int)
@click.pass_context
def diff(ctx: click.Context, ref: str, a: int, b: int) -> None:
    """Show what changed between versions A and B of an FDO."""
    with open_registry(ctx) as registry:
        pid = resolve_or_fail(registry, ref)
        d = registry.store.diff(pid, a, b)
        if d.unchanged:
            click.echo(f"v{a} and v{b} are identical")
            return
        for prop, counts in sorted(d.by_property.items()):
            click.echo(f"{prop}: +{counts['added']} -{counts['removed']}")
        for t in d.removed:
            click.echo(f"- {t.subject} {t.predicate} {t.object}")
        for t in d.added:
            click.echo(f"+ {t.subject} {t.predicate} {t.object}")


@cli.command()
@click.argument("ref", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def validate(ctx: click.Context, ref: str | None, as_json: bool) -> None:
    """Validate an FDO (or every current FDO) against shapes/; exit 1 when a violation exists."""
    from registry.validate import Validator

    with open_registry(ctx) as registry:
        validator = registry.store.validator or Validator.default()
        pids = [resolve_or_fail(registry, ref)] if ref else registry.store.pids()
        report, violations, warnings = [], 0, 0
        for start in range(0, len(pids), 500):
            chunk = pids[start:start + 500]
            for pid, summary in zip(chunk, validator.validate_many([registry.store.current(p) for p in chunk])):
                violations += summary.violations
                warnings += summary.warnings
                if summary.results:
                    report.append({"pid": pid, "conforms": summary.conforms,
                                   "results": [r.__dict__ for r in summary.results]})
        if as_json:
            click.echo(json.dumps({"checked": len(pids), "violations": violations, "warnings": warnings,
                                   "records": report}, indent=2))
        else:
            for entry in report:
                for r in entry["results"]:
                    path = f" {r['path']}" if r["path"] else ""
                    click.echo(f"{r['severity']}: {entry['pid']}{path}: {r['message']}")
            click.echo(f"checked {len(pids)} FDO(s): {violations} violation(s), {warnings} warning(s)")
        if violations:
            sys.exit(1)


@cli.command()
@click.argument("query")
@click.option("--format", "fmt", default="table", type=click.Choice(["table", "json", "csv"]), show_default=True)
@click.pass_context
def sparql(ctx: click.Context, query: str, fmt: str) -> None:
    """Run a SPARQL query (text, @file, or - for stdin) over the store; default graph = current view."""
    if query == "-":
        query = sys.stdin.read()
    elif query.startswith("@"):
        try:
            query = Path(query[1:]).read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{query[1:]}: cannot read: {exc.strerror}") from None
    with open_registry(ctx) as registry:
        try:
            result = registry.store.query(query)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        if isinstance(result, QueryBoolean):
            click.echo(json.dumps({"boolean": bool(result)}) if fmt == "json" else str(bool(result)).lower())
            return
        if not isinstance(result, QuerySolutions):
            click.echo(serialize_quads((t for t in result), format_by_name("nt")).decode())
            return
        names = [v.value for v in result.variables]
        rows = [[(row[n].value if row[n] is not None else "") for n in names] for row in result]
        if fmt == "json":
            click.echo(json.dumps([dict(zip(names, r)) for r in rows], indent=2))
        elif fmt == "csv":
            writer = csv.writer(sys.stdout)
            writer.writerow(names)
            writer.writerows(rows)
        else:
            widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]
            click.echo("  ".join(n.ljust(w) for n, w in zip(names, widths)))
            for r in rows:
                click.echo("  ".join(v[:60].ljust(w) for v, w in zip(r, widths)))
            click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", err=True)


@cli.command()
@click.option("--format", "fmt", default="nq", type=click.Choice(["nq", "trig", "ttl", "nt"]), show_default=True)
@click.option("--history", is_flag=True, help="Include every version graph and the provenance (nq or trig).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write to a file instead of stdout.")
@click.pass_context
def export(ctx: click.Context, fmt: str, history: bool, output: str | None) -> None:
    """Dump the current graph (or, with --history, every version and the provenance)."""
    format_ = format_by_name(fmt)
    if history and not format_.quads:
        raise InputError("--history needs a dataset format: --format nq or --format trig")
    with open_registry(ctx) as registry:
        store = registry.store
        quads = chain(store.current_quads(), store.history_quads()) if history else store.current_quads()
        target = output or sys.stdout.buffer
        data = serialize_quads(quads, format_, output=target)
        if data:
            sys.stdout.buffer.write(data)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Print counts: FDOs by kind and status, versions, triples, failures."""
    with open_registry(ctx) as registry:
        s = with_dead_letters(registry.store.stats(), str(registry.settings.get("BROKER_URL") or ""))
        if as_json:
            click.echo(json.dumps(s, indent=2))
            return
        click.echo(f"FDOs: {s['fdos']}  versions: {s['versions']}  current triples: {s['current_triples']}  "
                   f"harvest failures: {s['failures']}")
        for kind, statuses in sorted(s["by_kind"].items()):
            click.echo(f"  {kind}: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
        if s.get("dead_letters"):
            click.echo(f"dead letters (tasks that failed after their retries): {s['dead_letters']}")
            for entry in s["newest_dead_letters"]:
                click.echo(f"  {entry['at']} {entry['task']} {entry['args']}: {entry['error']}")
