def test_the_builtin_curriculum_has_the_seed_counts(builtin):
    from skillpath.curriculum.selectors import curriculum_counts

    counts = curriculum_counts(builtin.pk)[builtin.pk]
    assert counts == {
        "phases": 4,
        "months": 18,
        "blocks": 36,
        "topics": 144,
        "practices": 18,
        "milestones": 4,
        "projects": 12,
        "resources": 14,
    }
