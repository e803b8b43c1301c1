"""Diagnosis: host state, derived facts, rules and the verdict."""
