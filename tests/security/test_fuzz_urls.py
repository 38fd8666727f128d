"""Generated paths and query strings, thrown at every URL pattern of the site: never a 500.

The patterns come from the resolver itself, so a route added tomorrow is fuzzed too. Each
converter in a route gets generated text, percent-encoded bytes (invalid UTF-8 included),
huge numbers, dot segments and values of its own shape; each request also gets a generated
query string. Reader routes are requested anonymously, the admin's as a superuser, who
reaches every admin view.
"""

import re
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

EXAMPLES = 10
_CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")


def patterns(resolver=None, prefix=()):
    """Every pattern, as the tuple of its own and its includes' patterns."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from patterns(entry, (*prefix, entry.pattern))
        elif isinstance(entry, URLPattern):
            yield (*prefix, entry.pattern)


def describe(chain):
    return "".join(str(pattern) for pattern in chain) or "(root)"


ALL_PATTERNS = sorted({describe(chain): chain for chain in patterns()}.items())

percent_bytes = st.binary(min_size=1, max_size=24).map(lambda b: "".join(f"%{x:02X}" for x in b))
any_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60).map(
    lambda text: quote(text, safe="")
)
awkward = st.sampled_from(
    ["", ".", "..", "%2e%2e", "%2F", "%00", "0", "-1", "1e9999", "9" * 30, "a" * 400,
     "%D8%B3" * 150, "%C0%AE", "%ED%A0%80", ";", "~", "%25", "+", "%20", "\u0627"]
)  # fmt: skip
numbers = st.integers(min_value=-(2**80), max_value=2**80).map(str)


def value_for(converter_regex):
    return st.one_of(
        st.from_regex(converter_regex, fullmatch=True).map(lambda v: quote(v, safe="")),
        any_text,
        percent_bytes,
        awkward,
        numbers,
    )


def segment(pattern):
    """A strategy for the part of a path one pattern matches."""
    if isinstance(pattern, RoutePattern):
        parts, position = [], 0
        route = str(pattern)
        for match in _CONVERTER.finditer(route):
            parts.append(st.just(route[position : match.start()]))
            converter = pattern.converters[match["parameter"]]
            parts.append(value_for(converter.regex))
            position = match.end()
        parts.append(st.just(route[position:]))
        return st.tuples(*parts).map("".join)
    regex = pattern.regex.pattern
    return st.one_of(
        st.from_regex(regex, fullmatch=True).map(lambda v: quote(v, safe="/")),
        st.from_regex(regex.rstrip("$"), fullmatch=False).map(lambda v: quote(v, safe="/%")),
    )


query_key = st.one_of(
    st.sampled_from(["page", "q", "o", "p", "e", "all", "next", "_popup", "_to_field",
                     "_changelist_filters", "status__exact", "category__id__exact"]),
    any_text,
    percent_bytes,
)  # fmt: skip
query_value = st.one_of(any_text, percent_bytes, awkward, numbers)
query_string = st.lists(st.tuples(query_key, query_value), max_size=5).map(
    lambda pairs: "&".join(f"{key}={value}" for key, value in pairs)
)


@pytest.mark.parametrize("label,chain", ALL_PATTERNS, ids=[label for label, _ in ALL_PATTERNS])
def test_no_generated_request_is_a_server_error(label, chain, client, admin_user):
    if label.startswith("admin/"):
        client.force_login(admin_user)
    else:
        ArticleFactory()  # something for the reader pages to list and paginate
    path_strategy = st.tuples(*(segment(pattern) for pattern in chain)).map("".join)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(path=path_strategy, query=query_string)
    def request_never_fails(path, query):
        url = "/" + path + ("?" + query if query else "")
        response = client.get(url)
        assert response.status_code < 500, url

    request_never_fails()
