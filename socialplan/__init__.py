"""socialplan: plan, run and measure a social-media strategy from the terminal."""

__version__ = "0.1.0"
