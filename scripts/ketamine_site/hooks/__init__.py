"""The MkDocs side of this site's features: one class per hook file under scripts/.

Each class holds one feature's state for a build (MkDocs reuses the hook modules in
``mkdocs serve``, so state lives on an instance that ``on_config`` resets, not in module
globals) and hands MkDocs' objects to the site's pure modules (``ketamine_site.evidence``,
``reviewdates``, ``metadata``...), which never import MkDocs. The hook files only bind the
events to an instance. The citation plugin (``mkdocs_citations``) is reached through
``config.plugins["citations"]`` (``citations_plugin``), by its methods.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

PLUGIN = "citations"  # the citation plugin's name in mkdocs.yml's plugins:


def citations_plugin(config):
    """The citation plugin of this build; a clear error if mkdocs.yml does not list it."""
    try:
        return config.plugins[PLUGIN]
    except KeyError:
        raise PluginError(
            f"mkdocs.yml: this site's hooks need the citation plugin: add it under plugins: as "
            f"'- {PLUGIN}: {{bibliography: references.bib}}'"
        ) from None
