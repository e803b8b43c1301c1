"""netblame: read a pasted network-troubleshooting transcript and name the suspect segment."""

# The one place the version is written (pyproject.toml reads it from here); no
# importlib.metadata look-up, which would cost every CLI run ~30 ms.
__version__ = "0.1.0"
