"""Curation record: which paragraph of which source text each row's evidence comes from.

Needs the source texts, which are not shipped; used by the repository's tests and by
curators, never on the loading path.
"""
