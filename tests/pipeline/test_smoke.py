from newsdesk.types import FetchResult


def test_fetch_result_ok() -> None:
    assert FetchResult(url="u", final_url="u", status=200).ok
    assert FetchResult(url="u", final_url="u", status=304).not_modified
