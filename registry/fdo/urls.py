"""Where every resource of an FDO lives: one place that spells the URL layout."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FdoUrls"]


@dataclass(frozen=True)
class FdoUrls:
    """URLs of one FDO's resources under ``root`` (the base URL, or "" for site-relative paths)."""

    root: str
    fdo_id: str

    @property
    def pid(self) -> str:
        return f"{self.root}/fdo/{self.fdo_id}"

    def variant(self, suffix: str) -> str:
        """Return the URL of the representation with ``suffix`` (``ttl``, ``jsonld``...)."""
        return f"{self.pid}.{suffix}"

    @property
    def linkset(self) -> str:
        return f"{self.pid}/linkset"

    @property
    def linkset_json(self) -> str:
        return f"{self.pid}/linkset.json"

    @property
    def record(self) -> str:
        return f"{self.pid}/record"

    @property
    def ro_crate(self) -> str:
        return f"{self.pid}/ro-crate"

    @property
    def versions(self) -> str:
        return f"{self.pid}/versions"

    @property
    def timemap(self) -> str:
        return f"{self.pid}/versions.link"

    def version(self, n: int, suffix: str | None = None) -> str:
        """Return the URL of version ``n`` (negotiated, or one representation with ``suffix``)."""
        url = f"{self.pid}/v/{n}"
        return f"{url}.{suffix}" if suffix else url

    def diff(self, a: int, b: int) -> str:
        return f"{self.pid}/diff?from={a}&to={b}"
