"""Widgets shared by the phase screens."""
