#!/usr/bin/env python3
"""Print the fenced code block of README.md that contains a line with MARKER, so that the
configurations the README gives users are the ones CI runs. Usage: readme_block.py MARKER"""
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def main() -> int:
    marker = sys.argv[1]
    block = None
    for line in README.read_text(encoding="utf-8").splitlines():
        if block is None:
            if line.startswith("```"):
                block = []
        elif line.startswith("```"):
            if any(marker in l for l in block):
                print("\n".join(block))
                return 0
            block = None
        else:
            block.append(line)
    print(f"README.md has no code block with {marker!r}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
