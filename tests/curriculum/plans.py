"""Small plans written in tests, and helpers to build a broken plan from a good one."""

from __future__ import annotations

GOOD = """# Plan
## PHASE 1: BASICS (Months 1-2)
### Month 1: Start
**Goal**: Begin
#### Weeks 1-2: Tools
- **Git**: Commits
**Practice**: A repository
### Month 2: Next
#### Weeks 3-4: Code
- **Python**: Syntax
**Milestone 1**: Junior ready
"""
