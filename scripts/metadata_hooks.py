"""MkDocs hook: each content page's citation tags, JSON-LD and Open Graph, and its references as
BibTeX and RIS downloads. Only wiring: the work is in ``ketamine_site.hooks.metadata``."""

from ketamine_site.hooks.metadata import MetadataHook

_hook = MetadataHook()
on_config = _hook.on_config
on_page_markdown = _hook.on_page_markdown
on_page_content = _hook.on_page_content
on_page_context = _hook.on_page_context
on_post_build = _hook.on_post_build
