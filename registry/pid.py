"""Persistent identifiers: deterministic opaque ids minted from platform + platform id."""

from __future__ import annotations

import base64
import hashlib
import re

__all__ = ["mint_id", "pid_iri", "id_from_pid", "normalise_platform_id", "is_fdo_id", "ID_LENGTH"]

ID_LENGTH = 13  # 65 bits of a SHA-256: collisions stay negligible far beyond 10^7 FDOs

# Platforms whose ids the platform itself treats case-insensitively.
_CASE_INSENSITIVE = {"hf", "hf-dataset", "hf-user", "hf-task", "spdx-name", "keyword"}
_ID_SHAPE = re.compile(f"[a-z2-7]{{{ID_LENGTH}}}")


def normalise_platform_id(platform: str, platform_id: str) -> str:
    """Return the canonical form of a platform id (trimmed; lower-cased where the platform ignores case)."""
    value = platform_id.strip()
    if platform in _CASE_INSENSITIVE:
        value = value.lower()
    if platform == "arxiv":
        value = value.lower().removeprefix("arxiv:")
    return value


def mint_id(platform: str, platform_id: str) -> str:
    """Return the opaque FDO id for ``platform_id`` on ``platform``; the same input always gives the same id."""
    if not platform or not platform_id or not platform_id.strip():
        raise ValueError("a PID needs a platform and a non-empty platform id")
    key = f"{platform}:{normalise_platform_id(platform, platform_id)}".encode("utf-8")
    digest = hashlib.sha256(key).digest()
    return base64.b32encode(digest).decode("ascii").lower()[:ID_LENGTH]


def pid_iri(base_url: str, fdo_id: str) -> str:
    """Return the PID IRI ``{base}/fdo/{id}``."""
    return f"{base_url.rstrip('/')}/fdo/{fdo_id}"


def id_from_pid(base_url: str, pid: str) -> str | None:
    """Return the id of a PID IRI under ``base_url``, or None when it is not one."""
    prefix = f"{base_url.rstrip('/')}/fdo/"
    if not pid.startswith(prefix):
        return None
    rest = pid[len(prefix):]
    return rest if is_fdo_id(rest) else None


def is_fdo_id(value: str) -> bool:
    """Tell whether ``value`` has the shape of a minted id."""
    return _ID_SHAPE.fullmatch(value) is not None
