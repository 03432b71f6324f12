"""Static briefing-site generator: documents in, cross-linked briefing site out."""

__version__ = "0.1.0"
