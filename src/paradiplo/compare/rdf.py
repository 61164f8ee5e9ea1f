"""An analysis as RDF: written in its own named graph (placeholder until the vocabulary lands)."""
