"""Binding (placeholder, being written)."""
