"""The index layer: what the project's files say, read once and kept on disk.

Where the project is (`layout`, `packaging`, `style`, `requirements`), where a module is
(`finder`), the text pass (`scan`), each module's summary read from its syntax tree (`summary`,
`runtime`, `lazy`, `members`, `inference`: the only user of astroid), the on-disk index cache
(`snapshot`, `cache`), every file of the project and the whole-project answers (`census`; `watch`:
what an editor reported changed on disk, across a language server's rounds), the
summary store (`store`) and what the test suite imports (`suite`). It may import `base` only.
"""
