"""The fix layer: findings with a certain fix in, rewritten source out.

`repair.fix_source` is the fix pass for one file; `fixer/` is the only package that imports
libcst and rewrites import statements (never the uses); `stubwriter` plans and writes the failing
stubs `--stub` asks for. It may import every layer below it: `base`, `index`, `analysis`, `lint`.
"""
