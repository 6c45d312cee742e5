"""The citation passes: resolve (cites -> references) and csl (rendering with citeproc-py)."""
