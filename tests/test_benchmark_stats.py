"""The benchmark: its interval for a ratio of medians must bracket what it estimates, and its
per-hook builds must each leave out one hook."""

from benchmark import _verdict, ratio_interval


def test_identical_runs_give_a_point_interval():
    assert ratio_interval([10.0] * 5, [10.0] * 5) == (1.0, 1.0)


def test_the_interval_brackets_the_ratio_of_medians():
    hook = [12.1, 13.4, 11.8, 14.9, 12.6, 13.0, 12.2]
    plain = [10.2, 11.9, 9.8, 10.6, 12.4, 10.1, 10.9]
    low, high = ratio_interval(hook, plain)
    assert low < 13.0 / 10.6 < high  # medians 13.0 and 10.6
    assert low > 1.0  # every hook run is slower than most plain runs


def test_noisier_runs_give_a_wider_interval():
    steady = ratio_interval([11.0, 11.1, 10.9, 11.0, 11.05], [10.0, 10.1, 9.9, 10.0, 10.05])
    noisy = ratio_interval([11.0, 14.0, 9.0, 12.5, 10.0], [10.0, 12.5, 8.5, 11.0, 9.5])
    assert noisy[1] - noisy[0] > 5 * (steady[1] - steady[0])


def test_the_verdict_says_when_the_runs_cannot_decide():
    assert "met (" in _verdict(1.10, (1.05, 1.14), 15)
    assert "NOT met (" in _verdict(1.30, (1.20, 1.40), 15)
    undecided = _verdict(1.12, (1.02, 1.25), 15)
    assert "met by the median, but the interval spans the target" in undecided


def test_per_hook_variants_each_leave_out_one_hook_of_the_real_site():
    """--per-hook's builds: the site with every hook of mkdocs.yml but one, one build per hook."""
    from benchmark import SITE_HOOKS, VARIANT_HOOKS, WITH_PLUGIN, WITHOUT

    assert len(SITE_HOOKS) >= 6 and len(WITHOUT) == len(SITE_HOOKS)
    for name, left_out in WITHOUT.items():
        assert set(VARIANT_HOOKS[name]) == set(SITE_HOOKS) - {left_out}
        assert name in WITH_PLUGIN
