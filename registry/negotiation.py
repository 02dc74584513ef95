"""Proactive content negotiation (RFC 9110 section 12): q-values, specificity, server preference."""

from __future__ import annotations

from dataclasses import dataclass

from registry.errors import NotAcceptable

__all__ = ["MediaRange", "parse_accept", "choose", "negotiate", "prefers_html"]


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    q: float
    params: tuple[tuple[str, str], ...] = ()

    def specificity(self, media_type: str) -> int:
        """Return how precisely this range matches ``media_type``: 2 exact, 1 ``type/*``, 0 ``*/*``, -1 not."""
        main, _, sub = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 0
        if self.type != main:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header; a missing or empty header accepts everything. Malformed parts are skipped."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges = []
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if "/" not in media:
            if media == "*":  # some old clients send a bare "*"
                media = "*/*"
            else:
                continue
        main, _, sub = media.partition("/")
        if not main or not sub:
            continue
        q, params = 1.0, []
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            key, value = key.strip().lower(), value.strip().strip('"')
            if key == "q":
                try:
                    q = min(1.0, max(0.0, float(value)))
                except ValueError:
                    q = 0.0
            elif key:
                params.append((key, value))
        ranges.append(MediaRange(main, sub, q, tuple(params)))
    return ranges


def _quality(ranges: list[MediaRange], offer: str) -> tuple[float, int]:
    best_spec, best_q = -1, 0.0
    for r in ranges:
        spec = r.specificity(offer)
        if spec > best_spec:
            best_spec, best_q = spec, r.q
        elif spec == best_spec and spec >= 0:
            best_q = max(best_q, r.q)
    return (best_q, best_spec) if best_spec >= 0 else (0.0, -1)


def choose(header: str | None, offers: list[str]) -> str | None:
    """Return the offer the client prefers, or None when none is acceptable.

    The highest q wins; among equal q, an offer the client named explicitly beats one it only
    matched by a wildcard; then the server's order of ``offers`` decides.
    """
    ranges = parse_accept(header)
    best, best_key = None, None
    for index, offer in enumerate(offers):
        q, spec = _quality(ranges, offer)
        if q <= 0:
            continue
        key = (q, spec, -index)
        if best_key is None or key > best_key:
            best, best_key = offer, key
    return best


def negotiate(header: str | None, offers: list[str]) -> str:
    """Return the preferred offer. Raises NotAcceptable listing the offers when none fits."""
    chosen = choose(header, offers)
    if chosen is None:
        raise NotAcceptable(f"none of the offered media types is acceptable (Accept: {header})",
                            offers=list(dict.fromkeys(offers)))
    return chosen


def prefers_html(header: str | None) -> bool:
    """Tell whether a client asks for HTML rather than JSON (browsers do; curl's */* does not)."""
    return choose(header, ["application/json", "text/html"]) == "text/html"
