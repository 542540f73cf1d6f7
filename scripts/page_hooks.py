"""MkDocs hook: review dates, "Cite this page", and the changelog's RSS feed. Only wiring: the
work is in ``ketamine_site.hooks.pages``."""

from ketamine_site.hooks.pages import PagesHook

_hook = PagesHook()
on_config = _hook.on_config
on_files = _hook.on_files
on_page_content = _hook.on_page_content
on_post_page = _hook.on_post_page
on_post_build = _hook.on_post_build
