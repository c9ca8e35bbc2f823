"""The frame every kata stands in: the catalog, the implementation switch and the meta-checks."""
