"""The floor: read and ast.parse every file listed in FILE_LIST once, in one process.

    python bench/floor.py FILE_LIST
"""
import ast
import sys


def main(list_path: str) -> int:
    with open(list_path, encoding="utf-8") as f:
        paths = f.read().split("\n")
    parsed = 0
    for path in filter(None, paths):
        with open(path, "rb") as f:
            source = f.read()
        try:
            ast.parse(source, filename=path)
            parsed += 1
        except (SyntaxError, ValueError):
            pass
    print(f"{parsed} files parsed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
