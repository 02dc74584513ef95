"""Templated answers built from retrieved facts: the mode without a language model, and the fallback.

Every sentence states a fact of the graph (or says that the registry records none) and every
FDO it names is a Markdown link to its landing page, so this mode cannot invent anything.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from registry.chat.compare import Table, summarise
from registry.chat.facts import FdoFacts, Ref, fdo_href, format_count
from registry.chat.retrieval import Context
from registry.relations import derived_phrase
from registry.search.facets import STATED_LABELS

__all__ = ["compose", "link", "refusal", "closest_lines", "relaxed_note", "absent_sentence", "senses_answer"]

_ABOUT_ATTRIBUTES = ("licence", "task", "datasets", "evaluation", "size", "base", "derivatives", "paper", "author",
                     "downloads", "languages", "library")


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _unknown(names: list[str]) -> str:
    quoted = [f"“{_md(u)}”" for u in names]
    if len(quoted) == 1:
        return f"no model called {quoted[0]}"
    return f"no models called {', '.join(quoted[:-1])} or {quoted[-1]}"


def _md(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]").replace("*", "\\*").replace("_", "\\_")


def link(item: FdoFacts | Ref, base_url: str = "") -> str:
    """Return a Markdown link to an FDO's landing page (plain text for an IRI outside the registry)."""
    if isinstance(item, FdoFacts):
        return f"[{_md(item.name)}]({item.href})"
    if item.local:
        return f"[{_md(item.label)}]({fdo_href(item.iri, base_url)})"
    return _md(item.label)


def _links(refs: list[Ref], base_url: str, limit: int = 6) -> str:
    shown = [link(r, base_url) for r in refs[:limit]]
    more = len(refs) - len(shown)
    text = ", ".join(shown)
    return text + (f" and {more} more" if more > 0 else "")


def _one_line(f: FdoFacts) -> str:
    parts = [p for p in (f.task_text(), f.licence_text() and f"licence {f.licence_text()}",
                         f.params and f"{format_count(f.params)} parameters",
                         f.downloads is not None and f"{f.downloads:,} downloads") if p]
    kind = "" if f.kind == "model" else f" ({f.kind})"
    return f"{link(f)}{kind}" + (f": {'; '.join(parts)}" if parts else "")


def closest_lines(ctx: Context) -> list[str]:
    """Return one Markdown bullet per closest FDO."""
    return [f"- {_one_line(c.facts)}" for c in ctx.closest if c.facts is not None]


def relaxed_note(ctx: Context) -> str:
    """Say which filters of the question no record meets, left out as the search left them out ("" when none)."""
    if not ctx.relaxed:
        return ""
    said = " or ".join(f"“{_md(s)}”" for s in ctx.relaxed)
    return (f"No record in the registry meets {said}, so {'it is' if len(ctx.relaxed) == 1 else 'they are'} "
            f"left out, as the search leaves {'it' if len(ctx.relaxed) == 1 else 'them'} out.")


def absent_sentence(ctx: Context) -> str:
    """Say that the name the question asks for is not in the registry ("" when the question asks for none)."""
    if ctx.absent is None:
        return ""
    name = f"“{_md(ctx.absent.name)}”"
    system = ctx.absent.system
    if system is not None:
        what = _a(system.category) + " " + _md(system.category) if system.category else "a system"
        by = f" made by {_md(system.provider)}" if system.provider else ""
        if system.open:
            return (f"{name} is not in the registry: it is {what}{by}, whose weights are published openly, but no "
                    f"record here describes it.")
        return (f"{name} is not in the registry: it is {what}{by}, offered as a closed service and not published as "
                f"an open model, so no record here describes it.")
    if ctx.absent.stub:
        return (f"{name} is not in the registry: no record here describes it; only another record names it "
                f"([{_md(ctx.absent.stub)}]({ctx.absent.stub_href}), a name it gives, not harvested).")
    if ctx.absent.owner:
        return f"{name} is not in the registry: it holds nothing by {_md(ctx.absent.owner)} called so."
    return f"{name} is not in the registry: no record there is called so, and no {ctx.absent.kind} has it in its name."


def refusal(ctx: Context) -> str:
    """Return the answer to a question the registry cannot answer, with the closest FDOs."""
    if ctx.absent is not None:
        lines = closest_lines(ctx)
        text = absent_sentence(ctx)
        system = ctx.absent.system
        doing = f", models for {_md(' or '.join(t.lower() for t in system.task_labels))}" \
            if system is not None and system.task_labels else ""
        if lines:
            text += (f"\n\nThe closest records in the registry{doing} (none of them is “{_md(ctx.absent.name)}”, and "
                     f"none is an answer to the question):\n" + "\n".join(lines))
        return text
    if ctx.unknown:
        it = "it" if len(ctx.unknown) == 1 else "them"
        text = (f"The registry has {_unknown(ctx.unknown)}, so I cannot say anything about {it}: "
                f"nothing here describes {it}.")
    else:
        text = "The registry does not hold an answer to this question"
        text += f" ({ctx.reason})." if ctx.reason else "."
    if ctx.relaxed:
        text += " " + relaxed_note(ctx)
    lines = closest_lines(ctx)
    if lines:
        text += "\n\nClosest FDOs in the registry (not answers to the question):\n" + "\n".join(lines)
    return text


def _attribute_sentence(f: FdoFacts, attr: str, base_url: str) -> str | None:
    name = link(f)
    if attr == "licence":
        return f"{name} is released under {f.licence_text()}." if f.licences else \
            f"The registry records no licence for {name}."
    if attr == "task":
        return f"{name} is {_a(f.task_text())} {f.task_text()} model." if f.tasks else f"The registry records no task for {name}."
    if attr == "datasets":
        return f"{name} was trained on {_links(f.datasets, base_url)}." if f.datasets else \
            f"The registry records no training datasets for {name}."
    if attr == "evaluation":
        if not f.evaluations:
            return f"The registry records no evaluation results for {name}."
        return f"{name} reports " + "; ".join(_md(e.text()) for e in f.evaluations[:6]) + "."
    if attr == "size":
        return f"{name} has {format_count(f.params)} parameters ({f.params:,})." if f.params else \
            f"The registry records no parameter count for {name}."
    if attr == "base":
        if not f.bases:
            return f"The registry records no base model for {name}."
        return f"{name} is " + "; ".join(f"{rel} {link(r, base_url)}" for rel, r in f.bases) + "."
    if attr == "derivatives":
        if not f.derived:
            return f"The registry records no models derived from {name}."
        parts = []
        for rel, n, sample in f.derived:
            verb = derived_phrase(rel, n)
            example = f" (for example {_links(sample[:3], base_url, 3)})" if sample else ""
            parts.append(f"{n} model{'s are' if n != 1 else ' is'} {verb} {name}{example}")
        return "In the registry, " + "; ".join(parts) + "."
    if attr == "paper":
        return f"{name} is described in {_links(f.papers, base_url, 3)}." if f.papers else \
            f"The registry records no paper for {name}."
    if attr == "author":
        return f"{name} is shared by {_links(f.authors, base_url, 3)}." if f.authors else None
    if attr == "downloads":
        return f"{name} has {f.downloads:,} downloads" + (f" and {f.likes:,} likes." if f.likes is not None else ".") \
            if f.downloads is not None else None
    if attr == "languages":
        return f"{name} is for {', '.join(f.languages[:10])}." if f.languages else \
            f"The registry records no languages for {name}."
    if attr == "library":
        return f"{name} runs with {', '.join(f.libraries)}." if f.libraries else None
    return None


def _overview(f: FdoFacts, base_url: str) -> list[str]:
    name = link(f)
    if f.kind != "model":
        lines = [f"{name} is a {f.kind} in the registry." + (f" {_md(f.description)}" if f.description else "")]
        for phrase, n, sample in f.inbound:
            lines.append(f"{n} model{'s' if n != 1 else ''} {phrase.replace('it', name)}"
                         + (f", for example {_links(sample[:3], base_url, 3)}." if sample else "."))
        return lines
    if f.status == "stub":
        # held by reference only (a base other records name, never harvested): say so, and what the registry
        # holds of it, the models built on it ("What is DeepSeek-R1?": deepseek-ai's original, which unsloth copies)
        lines = [f"{name} is held in the registry only as a name other records give (a model they are built on); "
                 f"nothing about it was harvested."]
        built = _attribute_sentence(f, "derivatives", base_url) if f.derived else None
        return lines + ([built] if built else [])
    what = f"{_a(f.task_text())} {f.task_text()} model" if f.tasks else "a model"
    size = f" with {format_count(f.params)} parameters" if f.params else ""
    licence = f", released under {f.licence_text()}" if f.licences else ", with no licence recorded"
    lines = [f"{name} is {what}{size}{licence}."]
    if f.description:
        lines.append(_md(f.description))
    for attr in ("base", "datasets", "evaluation", "paper"):
        if f.attribute(attr):
            sentence = _attribute_sentence(f, attr, base_url)
            if sentence:
                lines.append(sentence)
    return lines


def _about(ctx: Context, base_url: str) -> str:
    q = ctx.question
    focus = about_focus(ctx)
    asked = [a for a in q.attributes if a in _ABOUT_ATTRIBUTES]
    paragraphs = []
    for f in focus:
        if f.kind != "model":  # a dataset, paper, task or organisation: what it is and which models use it
            paragraphs.append(" ".join(_overview(f, base_url)))
        elif asked:
            sentences = [s for s in (_attribute_sentence(f, a, base_url) for a in asked) if s]
            paragraphs.append(" ".join(sentences) if sentences else " ".join(_overview(f, base_url)))
        else:
            paragraphs.append(" ".join(_overview(f, base_url)))
    if ctx.unknown:
        paragraphs.append(f"The registry has {_unknown(ctx.unknown)}.")
    note = carried_note(ctx, focus)
    if note:
        paragraphs.insert(0, note)
    if ctx.format_of is not None:  # the copies of a named model in the format asked for
        name, fmt = ctx.format_of
        paragraphs.insert(0, f"No record called “{_md(name.rsplit('/', 1)[-1])}” is in the {_md(fmt)} format itself; "
                             f"{'these records' if len(focus) > 1 else 'this record'} in that format derive from a "
                             f"model of that name:")
    return "\n\n".join(paragraphs)


def _listing(ctx: Context, base_url: str) -> str:
    items = [c.facts for c in ctx.selected]
    if not items:
        return refusal(ctx)
    models = [f for f in items if f.kind == "model"]
    if models and re.search(r"\bmodels?\b", ctx.question.text, re.I):
        items = models
    filters = "; ".join(f"stating {' or '.join(STATED_LABELS.get(v, v) for v in values)}" if facet == "states"
                        else f"{facet} {', '.join(values)}" for facet, values in ctx.search.applied.items())
    applied = ctx.search.applied
    preferred = "; ".join(f"{facet} {', '.join(shown[:4])}" for facet, values in ctx.search.boosted.items()
                          if (shown := [v for v in values if v not in applied.get(facet, ())]))  # not what is filtered
    ordered = ", ".join(ctx.search.ordered)  # an order of size ("smallest first"), as the search's chip shows it
    read = "; ".join(p for p in (f"filtered by {filters}" if filters else "",
                                 f"preferring {preferred}" if preferred else "",
                                 ordered) if p)
    intro = "FDOs in the registry that match the question" + (f" ({_md(read)}):" if read else ":")
    if ctx.relaxed:
        intro = intro.replace("that match the question", "that match the rest of the question")
    lines = [intro]
    for f in items:
        line = f"- {_one_line(f)}"
        if f.description:
            desc = f.description if len(f.description) <= 120 else f.description[:120].rsplit(" ", 1)[0] + "…"
            line += f". {_md(desc)}"
        lines.append(line)
    if ctx.more:
        query = ctx.search.query or ctx.question.search_text or ctx.question.text  # the search that found them
        lines.append(f"{ctx.more} more found {'states' if ctx.more == 1 else 'state'} it too: "
                     f"[search for “{_md(query)}”](/search?{urlencode({'q': query})})")
    if ctx.partial:
        lines.append("Closest records, showing only part of the question (not answers to it):")
        lines += [f"- {_one_line(c.facts)}" for c in ctx.partial if c.facts is not None]
    asked = [a for a in ctx.question.attributes if a in ("datasets", "evaluation", "base", "paper")]
    for a in asked:
        for f in items[:3]:
            s = _attribute_sentence(f, a, base_url)
            if s and "records no" not in s:
                lines.append(s)
    return "\n".join(lines)


def _derived_topic(ctx: Context, base_url: str) -> str:
    """Answer "fine-tunes of X for Y": the derived models matching Y, or say none does and give the closest."""
    base, identifier, topic = ctx.lineage_topic
    facts = ctx.facts.get(base)
    name = link(facts) if facts is not None else identifier
    everything = f"/search?{urlencode({'q': topic, 'base_model': identifier})}"
    items = [c.facts for c in ctx.selected]
    chosen = [_md(ctx.chosen)] if ctx.chosen else []
    if ctx.derived_hits:
        lines = chosen + [f"Models derived from {name} that match “{_md(topic)}”:"]
        lines += [f"- {_one_line(f)}" for f in items]
        lines.append(f"[All models derived from {_md(identifier)} that match “{_md(topic)}”]({everything})")
        return "\n".join(lines)
    lines = chosen + [f"No model derived from {name} in the registry matches “{_md(topic)}”."]
    if items:
        lines.append("The closest records (not derived from it, or not about that):")
        lines += [f"- {_one_line(f)}" for f in items]
    else:
        lines.append(f"Nor does any other model the search found. [Search for “{_md(topic)}”]"
                     f"(/search?{urlencode({'q': topic})})")
    return "\n".join(lines)


def _linked(ctx: Context) -> str:
    """Answer "models trained on X (for Y)": the models linked to X, or say none is about Y and give the closest."""
    from registry.chat.links import RELATION

    found = ctx.link
    relation = RELATION[found.facet][0]
    if found.evaluated:  # models an evaluation ran on it (an OpenML run), besides any stating it
        relation = "evaluated on" if found.evaluated == found.linked else f"{relation} or evaluated on"
    named = " or ".join(link(f) for f in found.entities) or " or ".join(f"`{_md(v)}`" for v in found.values[:3])
    values = _md(", ".join(found.values[:3]))
    n = found.linked
    models = f"{n} model{'s' if n != 1 else ''}"
    if found.constraints:  # the question's other filters hold for every model counted
        also = "; ".join(f"{facet} {', '.join(vals)}" for facet, vals in found.constraints.items())
        models += f" stating {_md(also)}"
    if found.topic and found.on_topic:
        lines = [f"Models {relation} {named} that match “{_md(found.topic)}”:"]
    elif found.topic:
        lines = [f"None of the {models} {relation} {named} in the registry matches “{_md(found.topic)}”.",
                 "The closest records (linked to it, but not about that):"]
    else:
        lines = [f"{models} in the registry {'is' if n == 1 else 'are'} {relation} {named}:"]
    lines += [f"- {_one_line(c.facts)}" for c in ctx.selected]
    if found.topic and found.on_topic:
        lines.append(f"[The models {relation} {values} that match “{_md(found.topic)}”]({found.search_href()})")
    if found.linked > found.evaluated:  # the search shows those stating the link (not evaluations)
        lines.append(f"[All {models} {relation} {values}]({found.search_href(with_topic=False)})")
    if found.note:  # the named FDO was read other than by its name: say how
        lines.append(_md(found.note))
    return "\n".join(lines)


def senses_answer(ctx: Context) -> str:
    """Say that no record is called the name asked for but several carry it inside a longer word, and list each
    such word (sense) with the records it names."""
    name = f"“{_md(ctx.sense_name)}”"
    n = len(ctx.senses)
    lines = [f"No record in the registry is called {name}, but it is part of longer names, so it may mean "
             f"{'one of ' + str(n) + ' things' if n > 1 else 'this'}:"]
    for sense in ctx.senses:
        parts = []
        for group, what in ((sense.models, "model"), (sense.datasets, "dataset"),
                            (sense.trained, "model trained on it" if len(sense.datasets) < 2 else "model trained on them")):
            if group:
                said = what if len(group) == 1 else what.replace("model", "models").replace("dataset", "datasets")
                parts.append(f"the {said} " + ", ".join(link(f) for f in group))
        lines.append(f"- {_md(sense.word)}: " + "; ".join(parts))
    return "\n".join(lines)


CARRIED_SHOWN = 3  # records carrying a name, beside those described, the answer links to


def carried_note(ctx: Context, focus: list[FdoFacts]) -> str:
    """Say that the name asked about is no record's own name but a part of several records' names, which of them the
    answer describes and which others carry it ("" when the question asks about no such name)."""
    carried = ctx.carried
    if carried is None:
        return ""
    facts = ctx.facts
    kind = focus[0].kind if focus else "model"
    described = [f for f in focus if f.pid in carried.pids]
    if not described:
        return ""
    shown = {f.pid for f in described}
    others = [facts[pid] for pid in carried.pids if pid in facts and pid not in shown][:CARRIED_SHOWN]
    rest = carried.total - len(described) - len(others)
    what = f"{carried.total} {kind}s"
    text = (f"No record in the registry is called “{_md(carried.name)}”, but it is part of the names of {what}: "
            f"this answer describes {_series([link(f) for f in described])}.")
    if others:
        more = f" and {rest} more ([search for “{_md(carried.name)}”](/search?{urlencode({'q': carried.name})}))" \
            if rest > 0 else ""
        text += f" Also carrying it: {', '.join(link(f) for f in others)}{more}."
    return text


def _series(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def ambiguity_note(ctx: Context, base_url: str = "") -> str:
    """Say which FDO a name several FDOs carry was read as, and name (link) the others ("" when no name is
    ambiguous): every holder of the name is what the question may mean, so each is offered (``service``)."""
    notes = []
    for amb in ctx.ambiguous:
        chosen, others = amb.identifiers[0], amb.identifiers[1:]
        shown = ", ".join(f"[`{_md(o)}`]({fdo_href(pid, base_url)})" if base_url else f"`{_md(o)}`"
                          for o, pid in zip(others, amb.pids[1:]))
        why = "the original the others are built on" if amb.original else "the most downloaded"
        notes.append(f"“{_md(amb.name)}” is the name of {len(amb.pids)} FDOs in the registry: this answer is about "
                     f"`{_md(chosen)}`, {why}. Also called so: {shown}. Ask again with the full "
                     f"identifier to hear about another.")
    return "\n".join(notes)


def about_focus(ctx: Context) -> list[FdoFacts]:
    """Return the FDOs an answer about named records speaks of (named, the page's, the previous turn's, a family's
    records), at most three; the first selected when none is."""
    focus = [c.facts for c in ctx.selected if c.reasons & {"named", "page", "previous", "family"}]
    if ctx.carried is not None:  # the records carrying the name asked about: the most downloaded first
        order = {pid: i for i, pid in enumerate(ctx.carried.pids)}
        focus.sort(key=lambda f: order.get(f.pid, len(order)))
    return focus[:3] or [ctx.selected[0].facts]


def speaks_about(ctx: Context) -> bool:
    """Say whether the answer speaks about named records (``_about``), not a list, a comparison or the senses."""
    q = ctx.question
    return ctx.answerable and bool(ctx.selected) and not q.compare and not ctx.senses and \
        ctx.lineage_topic is None and ctx.link is None and not (lists(ctx) and not (ctx.named and q.anaphora))


def lists(ctx: Context) -> bool:
    """Say whether the answer is a list: the question asks for one ("Which models ...?"), and a name it writes beside
    names no FDO the chat resolved ("I'm on an Apple-silicon Mac. Which models come converted for MLX?": the Mac is
    the asker's machine, not a model the answer is about)."""
    q = ctx.question
    named = ctx.named or any(c.reasons & {"named", "page", "previous", "family"} for c in ctx.candidates)
    if not named and not q.compare and len(ctx.selected) > 1:
        # a question naming nothing that several records answer alike (``evidence.answers_alike``): describing only
        # the first would put forward one of them, chosen by downloads, as the answer
        return True
    return q.wants == "list" or (q.listing and not q.compare and not named)


def compose(ctx: Context, base_url: str, table: Table | None = None) -> str:
    """Return the extractive answer for a retrieval context (Markdown, every FDO linked)."""
    if ctx.lineage_topic is not None and ctx.answerable:
        return _derived_topic(ctx, base_url)
    if ctx.link is not None and ctx.answerable:
        return _linked(ctx)
    if ctx.senses and ctx.answerable:
        return senses_answer(ctx)
    if not ctx.answerable or not ctx.selected:
        return refusal(ctx)
    if ctx.question.compare and table is not None and len(table.columns) >= 2:
        text = "\n".join(summarise(table))
        if ctx.unknown:
            text += f"\n\nThe registry has {_unknown(ctx.unknown)}."
        return text or "The registry records the same facts for both models (see the table)."
    if ctx.question.compare:
        return _about(ctx, base_url)
    if lists(ctx) and not (ctx.named and ctx.question.anaphora):
        text = _listing(ctx, base_url)
    else:
        text = _about(ctx, base_url)
    return (relaxed_note(ctx) + "\n\n" + text) if ctx.relaxed else text
