"""spp-kg graph builder: from documents about China's procuratorial work to a validated RDF graph."""

__version__ = "0.1.0"
