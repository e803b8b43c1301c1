"""Turns pasted bytes into a `Transcript`: decoding, cleaning, prompts, blocks."""
