"""Settings come from the environment once, with clear errors for values that cannot work."""

from pathlib import Path

import pytest

from newsdesk.errors import ConfigurationError
from newsdesk.settings import Settings


def test_defaults_and_overrides() -> None:
    defaults = Settings.from_env({})
    assert defaults.host_delay == 0.25 and defaults.host_concurrency == 2
    assert defaults.fetch_allow_networks == () and defaults.database_url == ""
    assert defaults.page_cache_seconds == 30
    custom = Settings.from_env({
        "NEWSDESK_DATA_DIR": "/srv/news", "NEWSDESK_FETCH_ALLOW": "10.0.0.0/8, 127.0.0.1/32",
        "NEWSDESK_HOST_DELAY": "1.5", "NEWSDESK_WORKERS": "4", "NEWSDESK_JOB_LEASE": "120",
    })  # fmt: skip
    assert custom.data_dir == Path("/srv/news")
    assert custom.sqlite_path == Path("/srv/news/newsdesk.sqlite3")
    assert custom.fetch_allow_networks == ("10.0.0.0/8", "127.0.0.1/32")
    assert (custom.host_delay, custom.workers, custom.job_lease) == (1.5, 4, 120.0)


@pytest.mark.parametrize(
    ("name", "value"),
    [("NEWSDESK_WORKERS", "two"), ("NEWSDESK_HOST_DELAY", "soon"), ("NEWSDESK_JOB_LEASE", "1h")],
)
def test_bad_values_are_clear_errors(name: str, value: str) -> None:
    with pytest.raises(ConfigurationError, match=name):
        Settings.from_env({name: value})


def test_the_fetcher_gets_the_politeness_settings(settings) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from newsdesk.desk.runtime import fetch_policy

    settings.NEWSDESK = replace(settings.NEWSDESK, host_delay=2.0, host_concurrency=1)
    policy = fetch_policy()
    assert (policy.per_host_delay, policy.per_host_concurrency) == (2.0, 1)
