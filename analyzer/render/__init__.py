"""Renderers: pure functions from results to text or rich renderables."""
