"""Facts about the seed plan that several tests check against."""

# The counts the issue names for the seed: 4 phases, 18 months, 36 two-week blocks of
# 4 topics, 17 monthly practices and a capstone, 4 milestones, 12 projects; and the 14
# resources (8 books, 3 courses, 3 platforms).
SEED_COUNTS = {
    "phases": 4,
    "months": 18,
    "blocks": 36,
    "topics": 144,
    "practices": 18,
    "milestones": 4,
    "projects": 12,
    "resources": 14,
}
