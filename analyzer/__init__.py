"""netblame: read a pasted network-troubleshooting transcript and name the suspect segment."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("netblame")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
