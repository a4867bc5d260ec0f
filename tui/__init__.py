"""The terminal interface: the App, the command line, shared widgets and styles.

Importing this package must stay cheap: ``socialplan status`` never imports Textual.
"""
