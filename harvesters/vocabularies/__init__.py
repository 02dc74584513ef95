"""The concept vocabularies (tasks, libraries, licences, languages, modalities) harvested like a platform."""

from harvesters.vocabularies.harvest import VOCABULARY_DIR, concept_records, harvest

__all__ = ["harvest", "concept_records", "VOCABULARY_DIR"]
