"""Map Hugging Face licence identifiers (card YAML ``license``/``licence``, ``license:`` tags) to SPDX.

The Hub accepts a fixed list of identifiers (docs/hub/repositories-licenses.md). Most are
SPDX licences under another spelling; the rest (OpenRAIL family, Llama, Gemma, "families"
such as ``bsd`` or ``gpl`` without a version) have no SPDX id and become named licences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Licence", "resolve_licence", "HF_TO_SPDX", "HF_NAMED", "NOT_A_LICENCE"]

# Hub identifier -> SPDX identifier (https://spdx.org/licenses/<id>).
HF_TO_SPDX: dict[str, str] = {
    "apache-2.0": "Apache-2.0",
    "mit": "MIT",
    "afl-3.0": "AFL-3.0",
    "artistic-2.0": "Artistic-2.0",
    "bsl-1.0": "BSL-1.0",
    "bsd-2-clause": "BSD-2-Clause",
    "bsd-3-clause": "BSD-3-Clause",
    "bsd-3-clause-clear": "BSD-3-Clause-Clear",
    "c-uda": "C-UDA-1.0",
    "cc0-1.0": "CC0-1.0",
    "cc-by-2.0": "CC-BY-2.0",
    "cc-by-2.5": "CC-BY-2.5",
    "cc-by-3.0": "CC-BY-3.0",
    "cc-by-4.0": "CC-BY-4.0",
    "cc-by-sa-3.0": "CC-BY-SA-3.0",
    "cc-by-sa-4.0": "CC-BY-SA-4.0",
    "cc-by-nc-2.0": "CC-BY-NC-2.0",
    "cc-by-nc-3.0": "CC-BY-NC-3.0",
    "cc-by-nc-4.0": "CC-BY-NC-4.0",
    "cc-by-nd-4.0": "CC-BY-ND-4.0",
    "cc-by-nc-nd-3.0": "CC-BY-NC-ND-3.0",
    "cc-by-nc-nd-4.0": "CC-BY-NC-ND-4.0",
    "cc-by-nc-sa-2.0": "CC-BY-NC-SA-2.0",
    "cc-by-nc-sa-3.0": "CC-BY-NC-SA-3.0",
    "cc-by-nc-sa-4.0": "CC-BY-NC-SA-4.0",
    "cdla-sharing-1.0": "CDLA-Sharing-1.0",
    "cdla-permissive-1.0": "CDLA-Permissive-1.0",
    "cdla-permissive-2.0": "CDLA-Permissive-2.0",
    "wtfpl": "WTFPL",
    "ecl-2.0": "ECL-2.0",
    "epl-1.0": "EPL-1.0",
    "epl-2.0": "EPL-2.0",
    "etalab-2.0": "etalab-2.0",
    "eupl-1.1": "EUPL-1.1",
    "eupl-1.2": "EUPL-1.2",
    # The Hub's unversioned-suffix GNU ids mean "this version only" (SPDX's deprecated forms).
    "agpl-3.0": "AGPL-3.0-only",
    "gpl-2.0": "GPL-2.0-only",
    "gpl-3.0": "GPL-3.0-only",
    "lgpl-2.1": "LGPL-2.1-only",
    "lgpl-3.0": "LGPL-3.0-only",
    "isc": "ISC",
    "lppl-1.3c": "LPPL-1.3c",
    "ms-pl": "MS-PL",
    "mpl-2.0": "MPL-2.0",
    "odc-by": "ODC-By-1.0",
    "odbl": "ODbL-1.0",
    "osl-3.0": "OSL-3.0",
    "postgresql": "PostgreSQL",
    "ofl-1.1": "OFL-1.1",
    "ncsa": "NCSA",
    "unlicense": "Unlicense",
    "zlib": "Zlib",
    "pddl": "PDDL-1.0",
}

# Hub identifiers with no SPDX id: kept as named licence FDOs (identifier -> full name).
HF_NAMED: dict[str, str] = {
    "openrail": "OpenRAIL license family",
    "openrail++": "Open RAIL++-M License",
    "bigscience-openrail-m": "BigScience OpenRAIL-M",
    "creativeml-openrail-m": "CreativeML OpenRAIL-M",
    "bigscience-bloom-rail-1.0": "BigScience BLOOM RAIL 1.0",
    "bigcode-openrail-m": "BigCode Open RAIL-M v1",
    "bsd": "BSD license family (version not stated)",
    "cc": "Creative Commons license family (version not stated)",
    "gfdl": "GNU Free Documentation License family (version not stated)",
    "gpl": "GNU General Public License family (version not stated)",
    "lgpl": "GNU Lesser General Public License family (version not stated)",
    "lgpl-lr": "Lesser General Public License For Linguistic Resources",
    "deepfloyd-if-license": "DeepFloyd IF Research License Agreement",
    "fair-noncommercial-research-license": "FAIR Noncommercial Research License",
    "llama2": "Llama 2 Community License Agreement",
    "llama3": "Meta Llama 3 Community License Agreement",
    "llama3.1": "Llama 3.1 Community License Agreement",
    "llama3.2": "Llama 3.2 Community License Agreement",
    "llama3.3": "Llama 3.3 Community License Agreement",
    "llama4": "Llama 4 Community License Agreement",
    "gemma": "Gemma Terms of Use",
    "apple-ascl": "Apple Sample Code License",
    "apple-amlr": "Apple Machine Learning Research Model License",
    "intel-research": "Intel Research Use License",
    "h-research": "H Research License",
}

# Values seen in the wild that say nothing about the licence.
NOT_A_LICENCE = frozenset({"", "unknown", "license", "licence", "none", "null", "n/a", "na", "tbd", "todo"})

# SPDX ids spelt in any case (e.g. "Apache-2.0", "CC-BY-4.0") resolve directly.
_SPDX_BY_LOWER = {spdx.lower(): spdx for spdx in HF_TO_SPDX.values()}
_SPDX_BY_LOWER.update({s.lower(): s for s in (
    "GPL-2.0-or-later", "GPL-3.0-or-later", "LGPL-2.1-or-later", "LGPL-3.0-or-later", "AGPL-3.0-or-later",
    "BSD-3-Clause-LBNL", "0BSD", "CC-PDDC", "GFDL-1.3-only", "GFDL-1.3-or-later", "BlueOak-1.0.0", "MIT-0",
)})
_SEPARATORS = re.compile(r"[\s_]+")


@dataclass(frozen=True)
class Licence:
    """A resolved licence: an SPDX id, or a named licence (no SPDX id), or nothing usable."""

    spdx: str | None = None
    name: str | None = None  # full name of a named licence
    key: str | None = None  # identifier the named-licence FDO is minted from
    url: str | None = None
    problem: str | None = None

    @property
    def usable(self) -> bool:
        return self.spdx is not None or self.key is not None


def _norm(value: str) -> str:
    return _SEPARATORS.sub("-", value.strip().lower())


def resolve_licence(value: object, *, name: object = None, link: object = None) -> Licence:
    """Resolve one licence value; ``name``/``link`` are the card's ``license_name``/``license_link``.

    Never raises: values that cannot be used come back with ``problem`` set.
    """
    if not isinstance(value, str):
        if value is None:
            return Licence(problem=None)
        return Licence(problem=f"licence value {value!r} is not a string")
    norm = _norm(value)
    if norm in NOT_A_LICENCE:
        return Licence(problem=f"licence is not stated ({value!r})" if norm else None)
    if norm == "other":
        lname = name.strip() if isinstance(name, str) and name.strip() else None
        llink = link.strip() if isinstance(link, str) and link.strip() else None
        if lname is None and llink is None:
            return Licence(problem="licence 'other' without license_name or license_link")
        if lname is not None:
            named = resolve_licence(lname)
            if named.spdx:  # license_name sometimes is an SPDX id after all
                return named
            if named.key and named.key in HF_NAMED:
                return Licence(name=named.name, key=named.key, url=llink)
        return Licence(name=lname or llink, key=_norm(lname) if lname else llink, url=llink)
    if norm in HF_TO_SPDX:
        return Licence(spdx=HF_TO_SPDX[norm])
    if norm in _SPDX_BY_LOWER:
        return Licence(spdx=_SPDX_BY_LOWER[norm])
    if norm in HF_NAMED:
        return Licence(name=HF_NAMED[norm], key=norm)
    # An identifier the Hub does not list: keep it, named, and say so.
    problem = f"licence {value.strip()!r} is neither a Hub licence id nor an SPDX id; kept as a named licence"
    return Licence(name=value.strip(), key=norm, problem=problem)
