"""Every rule, registered in `analyzer.diagnose.rulebase.RULES` on import."""

from analyzer.diagnose.rules import access, host, missing, path, segment

__all__ = ["access", "host", "missing", "path", "segment"]
