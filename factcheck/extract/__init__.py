"""Quote and speaker extraction."""

from factcheck.extract.rules import RuleExtractor

__all__ = ["RuleExtractor"]
