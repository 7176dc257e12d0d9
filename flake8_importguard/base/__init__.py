"""The base layer: what every other layer speaks in.

The data (`model`: findings, fixes, hints and every kind as an enum), THE table of codes
(`codes`), the options and the frozen `Settings` (`config`), small questions about stdlib syntax
trees (`syntax`), files on disk (`files`: the walker, the atomic writer, the cache lock), what a
check reads (`record`: the recorder and memoized answers that replay their reads) and findings to
JSON and back (`codec`). It imports nothing of the package but the version.
"""
