"""MkDocs hook: evidence levels (each mechanism page's box, the home page's table) and front
matter that cannot be read. Only wiring: the work is in ``ketamine_site.hooks.evidence``."""

from ketamine_site.hooks.evidence import EvidenceHook

_hook = EvidenceHook()
on_config = _hook.on_config
on_nav = _hook.on_nav
on_page_markdown = _hook.on_page_markdown
