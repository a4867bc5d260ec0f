"""Persistence and exchange: the safe TinyDB store, importers and exporters."""
