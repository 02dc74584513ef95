"""Search: hybrid keyword + semantic search over the registry, with facets and query understanding.

Use ``get_searcher(registry)``; it opens the index on first use (loading the embedding model),
catches up with the store, and follows the store's changes from then on. See docs/search.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from registry.search.results import (Facet, FacetValue, FollowUp, QueryUnderstanding, RecognisedFilter, SearchHit,
                                     SearchResponse, SuggestedFilter)
from registry.search.searcher import Searcher

if TYPE_CHECKING:
    from registry.search.embed import Embedder
    from registry.service import Registry

__all__ = ["get_searcher", "open_searcher", "Searcher", "SearchResponse", "SearchHit", "Facet", "FacetValue",
           "QueryUnderstanding", "RecognisedFilter", "SuggestedFilter", "FollowUp"]


def open_searcher(registry: "Registry", embedder: "Embedder | None" = None, sync: bool | str = True) -> Searcher:
    """Open the index of ``registry`` (Qdrant local mode in DATA_DIR, or MLFDO_QDRANT_URL) and a searcher on it.

    ``sync``: True catches up with the store before returning, ``"background"`` catches up in a
    thread (searches answer from what is indexed so far, with a note), False not at all.

    Raises EmbedderUnavailable or IndexUnavailable (both MlfdoError) when a part cannot be opened.
    """
    from registry.search.embed import make_embedder
    from registry.search.index import SearchIndex
    from registry.search.llm import OllamaUnderstander
    from registry.search.follow import follow_changes, open_persisted, start_following

    settings = registry.settings
    ollama_url = settings.get("OLLAMA_URL")
    embedder = embedder or make_embedder(str(settings.get("EMBEDDER") or "static"), ollama_url)
    url = str(settings.get("QDRANT_URL") or "")
    shared = bool(url or settings.get("STORE_URL"))
    persisted = open_persisted(url, registry.data_dir, embedder.slug, embedder.dim, shared)
    index = SearchIndex(registry.store, embedder, persisted, shared=shared)
    index.load()
    index.attach()
    follow_changes(registry, index)  # the feed's end, before the catch-up: later changes are replayed
    if sync == "background":
        index.sync_in_background()
    elif sync:
        index.sync()
    searcher = Searcher(index, OllamaUnderstander.from_setting(str(settings.get("LLM") or ""), ollama_url))
    start_following(index)
    return searcher


def get_searcher(registry: "Registry", background: bool = False) -> Searcher:
    """Return the registry's searcher, opening it on first use.

    With ``background=True`` (the web app) a first use does not wait for the index to catch up
    with the store: results come from what is indexed so far until it has.
    """
    return registry.extension("search", lambda r: open_searcher(r, sync="background" if background else True))
