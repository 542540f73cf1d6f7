"""MkDocs hook: links to a missing page or section, with their line and the likely fix. Only
wiring: the work is in ``ketamine_site.hooks.links``."""

from ketamine_site.hooks.links import LinksHook

_hook = LinksHook()
on_files = _hook.on_files
on_page_markdown = _hook.on_page_markdown
on_env = _hook.on_env
