"""Reports: the package re-exports its builder."""
from .builder import ReportBuilder

__all__ = ["ReportBuilder"]
