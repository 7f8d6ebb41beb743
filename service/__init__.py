"""spp-kg HTTP service: the SPARQL 1.1 Protocol, dumps, Linked Data pages and HTML over a built ``dist/``.

The service never builds RDF itself (DESIGN §2): it serves what ``graph_builder`` published. Start it
with ``spp-kg serve`` or ``service.app.create_app(ServiceSettings(...))``.
"""
