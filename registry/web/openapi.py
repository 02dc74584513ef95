"""The OpenAPI 3.1 document, assembled from the fragments each blueprint module declares (``OPENAPI``)."""

from __future__ import annotations

import copy

from flask import Flask

__all__ = ["openapi_document", "BASE_DOCUMENT"]

BASE_DOCUMENT = {
    "openapi": "3.1.0",
    "info": {"title": "mlfdo registry API", "version": "1",
             "description": "Machine-learning models as FAIR Digital Objects: PIDs with content negotiation, "
                            "FAIR Signposting, history, SPARQL and JSON endpoints. Errors are RFC 9457 "
                            "problem details."},
    "paths": {},
    "components": {
        "schemas": {"Problem": {"type": "object", "required": ["type", "title", "status", "detail"], "properties": {
            "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
            "detail": {"type": "string"}}}},
        "responses": {"Problem": {"description": "An error (RFC 9457 problem details)", "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}},
    },
}


def openapi_document(app: Flask) -> dict:
    """Return the OpenAPI document: the base, every registered fragment, and the server URL."""
    doc = copy.deepcopy(BASE_DOCUMENT)
    doc["servers"] = [{"url": app.config["MLFDO_BASE_URL"]}]
    for fragment in app.extensions.get("mlfdo.openapi", []):
        for path, operations in fragment.get("paths", {}).items():
            doc["paths"].setdefault(path, {}).update(copy.deepcopy(operations))
        for section, entries in fragment.get("components", {}).items():
            doc["components"].setdefault(section, {}).update(copy.deepcopy(entries))
    doc["paths"] = dict(sorted(doc["paths"].items()))
    return doc
