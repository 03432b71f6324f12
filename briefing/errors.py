"""A tiny error hierarchy, caught once at the top (build.py)."""

from __future__ import annotations


class BriefingError(Exception):
    """Anything the user can fix: printed as one line, no traceback."""


class ConfigError(BriefingError):
    """site_config.yaml is unusable; carries every problem found, one per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class ContentError(BriefingError):
    """One document cannot be used; the build skips it and goes on."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")
