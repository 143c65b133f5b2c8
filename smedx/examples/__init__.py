"""Example inputs shipped with the package (`smedx assess --example`)."""
