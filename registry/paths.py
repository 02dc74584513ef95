"""Where the data shipped with the package lives: templates, static files, SHACL shapes, vocabulary.

The folders are package data of ``registry`` (pyproject.toml), so a wheel carries them and an
installed ``mlfdo`` finds them from any working directory. Every other module asks here.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["PACKAGE_DIR", "TEMPLATES_DIR", "STATIC_DIR", "SHAPES_DIR", "ONTOLOGY_DIR"]

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
SHAPES_DIR = PACKAGE_DIR / "shapes"
ONTOLOGY_DIR = PACKAGE_DIR / "ontology"
