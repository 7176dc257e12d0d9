"""The run layer: many files, one process or many, what was checked before.

The `session` owns what a process has read; the project `graph` keeps each test file's findings
with what they read; `checkrun` checks (or takes the kept findings of) every file on every core
(`parallel`), `affected` finds the test files a change reaches, `baseline` and `formats` turn
findings into what a run prints, `progress` shows it. It may import every layer below it. The
front ends (`plugin`, `cli`, `report`, `configfile`) sit on top and only adapt and render.
"""
