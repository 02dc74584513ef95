"""The SPARQL service description (served when /sparql is called without a query) and example queries."""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from registry.vocab import DCT, RDF, RDFS, XSD, Namespace

__all__ = ["service_description", "EXAMPLES", "SD", "FORMATS_NS"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                   "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def service_description(endpoint: str, base_url: str, timeout: float, limit: int) -> list[Triple]:
    """Return the service description of the endpoint (SPARQL 1.1 Service Description)."""
    svc = NamedNode(endpoint)
    dataset, default = BlankNode("dataset"), BlankNode("default")
    triples = [
        Triple(svc, RDF.type, SD.Service),
        Triple(svc, SD.endpoint, svc),
        Triple(svc, SD.supportedLanguage, SD.SPARQL11Query),
        Triple(svc, SD.defaultDataset, dataset),
        Triple(dataset, RDF.type, SD.Dataset),
        Triple(dataset, SD.defaultGraph, default),
        Triple(default, RDF.type, SD.Graph),
        Triple(default, DCT.description, Literal(
            "The current state of every FDO. Each version is the named graph {pid}/v/{n}; provenance is in "
            f"{base_url}/graph/provenance.")),
        Triple(svc, RDFS.comment, Literal(
            f"Read-only. Queries stop after {timeout:g} s; results over {limit} rows are refused with an error "
            "(never cut). SERVICE is disabled. Updates are refused.")),
        Triple(svc, DCT.description, Literal(f"timeout={timeout:g}s; max rows={limit}")),
        Triple(svc, NamedNode("https://w3id.org/mlfdo/ns#maxResultRows"), Literal(str(limit), datatype=XSD.integer)),
    ]
    triples += [Triple(svc, SD.resultFormat, FORMATS_NS.term(f)) for f in _RESULT_FORMATS]
    return triples


EXAMPLES: tuple[tuple[str, str], ...] = (
    ("Models and their licences", """PREFIX fair4ml: <https://w3id.org/fair4ml#>
PREFIX schema: <https://schema.org/>
SELECT ?model ?name ?license WHERE {
  ?model a fair4ml:MLModel ; schema:name ?name .
  OPTIONAL { ?model schema:license ?license }
} ORDER BY ?name LIMIT 50"""),
    ("Models per task", """PREFIX fair4ml: <https://w3id.org/fair4ml#>
PREFIX schema: <https://schema.org/>
SELECT ?task ?taskName (COUNT(?model) AS ?models) WHERE {
  ?model a fair4ml:MLModel ; fair4ml:mlTask ?task .
  OPTIONAL { ?task schema:name ?taskName }
} GROUP BY ?task ?taskName ORDER BY DESC(?models) LIMIT 20"""),
    ("Fine-tuned models and their base", """PREFIX fair4ml: <https://w3id.org/fair4ml#>
PREFIX schema: <https://schema.org/>
SELECT ?model ?name ?base ?baseName WHERE {
  ?model fair4ml:fineTunedFrom ?base ; schema:name ?name .
  OPTIONAL { ?base schema:name ?baseName }
} LIMIT 50"""),
    ("Models trained on a dataset", """PREFIX fair4ml: <https://w3id.org/fair4ml#>
PREFIX schema: <https://schema.org/>
SELECT ?dataset ?datasetName (COUNT(?model) AS ?models) WHERE {
  ?model fair4ml:trainedOn ?dataset .
  OPTIONAL { ?dataset schema:name ?datasetName }
} GROUP BY ?dataset ?datasetName ORDER BY DESC(?models) LIMIT 20"""),
    ("Versions and their harvest time (named graphs + provenance)", """PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX mlfdo: <https://w3id.org/mlfdo/ns#>
SELECT ?fdo ?version ?n ?at WHERE {
  GRAPH ?prov { ?version prov:specializationOf ?fdo ; mlfdo:versionNumber ?n ; prov:generatedAtTime ?at }
} ORDER BY DESC(?at) LIMIT 20"""),
    ("Describe one model (CONSTRUCT)", """PREFIX fair4ml: <https://w3id.org/fair4ml#>
CONSTRUCT { ?model ?p ?o } WHERE {
  { SELECT ?model WHERE { ?model a fair4ml:MLModel } LIMIT 1 }
  ?model ?p ?o
}"""),
)
