"""The one version of the library and the data package (datapackage.json is generated from
it). ``turkey-russia-data release`` writes both lines below; they are not edited by hand."""

__version__ = "1.2.0"

# When this version of the data package was created (datapackage.json "created"). Kept
# fixed per version so that regenerating the descriptor is deterministic.
CREATED = "2026-12-04T00:00:00Z"
