"""FDO views for the web: landing pages, representations, signposting, kernel record, RO-Crate, Memento."""

from registry.fdo.service import FdoService, Located, Withdrawn

__all__ = ["FdoService", "Located", "Withdrawn"]
