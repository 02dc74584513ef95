"""Harvesters: one package per platform (extract from the platform, transform to FAIR4ML records)."""

__all__: list[str] = []
