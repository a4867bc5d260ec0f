"""socialplan's domain: pure Python (standard library and python-dateutil only)."""
