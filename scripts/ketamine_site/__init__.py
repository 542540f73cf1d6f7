"""The site's engine: citations, evidence levels, link checks, and the checks and browser set-up
that the tests and the maintainer scripts share. Nothing here imports MkDocs except the hook
adapters that name it, so the engine can outlive the generator."""
