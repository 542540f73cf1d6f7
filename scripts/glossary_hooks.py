"""MkDocs hook: each glossary term's first use on a page links to its entry, with a tooltip.
Only wiring: the work is in ``ketamine_site.hooks.glossary``."""

from ketamine_site.hooks.glossary import GlossaryHook

_hook = GlossaryHook()
on_config = _hook.on_config
on_page_markdown = _hook.on_page_markdown
