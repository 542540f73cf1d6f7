"""MkDocs hook: the whole guide on one printable page (docs/print.md). Only wiring: the work is
in ``ketamine_site.hooks.printing``."""

from ketamine_site.hooks.printing import PrintHook

_hook = PrintHook()
on_nav = _hook.on_nav
on_env = _hook.on_env
