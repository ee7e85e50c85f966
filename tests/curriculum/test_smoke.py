from tests.seed import SEED_COUNTS


def test_the_builtin_curriculum_has_the_seed_counts(builtin):
    from skillpath.curriculum.selectors import curriculum_counts

    assert curriculum_counts(builtin.pk)[builtin.pk] == SEED_COUNTS
