"""The analysis layer: verdicts and repairs, from the index.

Does a first-party module or name exist (`resolver`); does importing a module fail, and why
(`loading`: the import chains; `fallible`: failures from outside the project); where a name lives
now and what is near it (`suggest`, `near`, `lookups`); what a dotted path names (`objects`);
and one project's parts put together (`project`). It may import `base` and `index`.
"""
