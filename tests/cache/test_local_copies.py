"""Each process's copies of the pages it served: bounded, and never the same object twice."""

from django.http import HttpResponse

from lib.page_cache.middleware import LocalCopies, StoredPage


def stored(text, keys=("story:1",)):
    response = HttpResponse(text)
    response["Surrogate-Key"] = " ".join(keys)
    return StoredPage.of(response, sequence=7)


def test_every_reader_gets_a_response_of_its_own():
    copies = LocalCopies(max_bytes=100_000)
    copies.put("page", stored("نص"), 60)
    first = copies.get("page").response()
    first["X-Changed"] = "yes"
    again = copies.get("page").response()
    assert "X-Changed" not in again and again.content.decode() == "نص"


def test_a_page_too_large_for_the_copies_is_not_kept():
    copies = LocalCopies(max_bytes=10_000)
    copies.put("big", stored("x" * 20_000), 60)
    assert copies.get("big") is None


def test_the_oldest_copies_make_room_for_new_ones():
    copies = LocalCopies(max_bytes=10_000)
    for number in range(10):
        copies.put(f"page-{number}", stored("x" * 2_000), 60)
    assert copies.get("page-0") is None and copies.get("page-9") is not None


def test_a_page_is_current_until_one_of_its_keys_is_retired_after_it_was_rendered():
    page = stored("نص", keys=("story:1", "home"))
    assert page.is_current({})
    assert page.is_current({"pages:retired:story:1": 7})  # retired before it rendered
    assert not page.is_current({"pages:retired:home": 8})
    assert page.is_current({"pages:retired:story:2": 99})  # a key it does not name
