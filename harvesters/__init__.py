"""Harvesters: one package per platform (extract from the platform, transform to FAIR4ML records).

``harvesters.replay`` is a loopback server that replays the Hugging Face Hub API from a snapshot.
"""

__all__: list[str] = []
