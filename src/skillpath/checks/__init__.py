"""Practice checks: staged suites run against a learner's program or service (docs/checks.md)."""
