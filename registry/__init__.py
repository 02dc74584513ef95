"""mlfdo: a linked-data registry of machine-learning models published as FAIR Digital Objects."""

__all__ = ["__version__"]
__version__ = "0.1.0"
