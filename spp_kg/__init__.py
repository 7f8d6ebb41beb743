"""spp-kg: the command line above the graph builder (``graph_builder``) and the service (``service``).

The only package that imports both: ``graph_builder`` never imports ``service``, and ``service`` reads
what ``graph_builder`` published without ever building it.
"""
