"""The lint layer: one test file in, findings out.

`checker.check_tree` runs the registered rules (`rules/`, one file per code family) over a
file's syntax tree with a `Context` (`context`) that answers per-file questions: what the file's
names are (`facts`, `scopes`), how it uses them (`uses`), which failures it expects (`guards`)
and what it patches (`patchcalls`). It may import `base`, `index` and `analysis`.
"""
