"""The results page: ranking, highlighted and escaped snippets, paging, friendly pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.search import MAX_QUERY_LENGTH
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_headline_match_ranks_above_standfirst_above_body(make_story, found):
    now = timezone.now()
    # Newest first would give the opposite order: rank decides, not the date.
    in_title = make_story(title="زلزال قوي يضرب المنطقة", published_at=now - timedelta(days=3))
    in_summary = make_story(
        summary="سجلت المراصد زلزال الليلة", published_at=now - timedelta(days=2)
    )
    in_body = make_story(
        body="<p>شعر السكان بزلزال خفيف.</p><p>ثم زلزال ثان وزلزال ثالث.</p>",
        published_at=now - timedelta(days=1),
    )
    assert found("زلزال") == [in_title.title, in_summary.title, in_body.title]


def test_only_published_stories_are_found(make_story, found):
    live = make_story(title="مؤتمر الطاقة المتجددة")
    make_story(title="مسودة مؤتمر الطاقة", status=Article.Status.DRAFT, published_at=None)
    make_story(title="مراجعة مؤتمر الطاقة", status=Article.Status.REVIEW, published_at=None)
    make_story(title="مؤتمر الطاقة المجدول", published_at=timezone.now() + timedelta(hours=2))
    assert found("الطاقة") == [live.title]


def test_staff_search_like_readers(make_story, client, editor):
    make_story(title="مسودة مؤتمر الطاقة", status=Article.Status.DRAFT, published_at=None)
    client.force_login(editor)
    assert list(client.get("/search/", {"q": "الطاقة"}).context["results"]) == []


def test_matched_words_are_marked_in_headline_and_snippet(make_story, search):
    make_story(
        title="وصول الأوكرانيين إلى بولندا",
        summary="ملخص لا يذكر البلد.",
        body="<p>عبر آلاف اللاجئين الْأُوكْرَانِيِّين الحدود، ومعهم مسؤولون من أوكرانيا.</p>",
    )
    html = search("الاوكرانيين").content.decode()
    assert "وصول <mark>الأوكرانيين</mark> إلى بولندا" in html
    assert "<mark>الْأُوكْرَانِيِّين</mark>" in html
    assert "<mark>أوكرانيا</mark>." in html  # the same stem, 'اوكراني'


def test_a_stem_does_not_mark_words_it_is_merely_inside(make_story, search):
    """'زير' (the stem of "الوزير") marks "وزير" but not "الجزيرة"."""
    make_story(title="الوزير يزور الجزيرة", body="<p>وصل الوزير إلى شبه الجزيرة.</p>")
    html = search("الوزير").content.decode()
    assert "<mark>الوزير</mark> يزور الجزيرة" in html
    assert "<mark>الجزيرة" not in html


def test_story_text_is_escaped_in_results(make_story, search):
    """Headline and body text that looks like HTML is shown, never run."""
    make_story(
        title='تحذير من <script>alert("t")</script> الاحتيال',
        body=(
            "<p>رسالة احتيال تحمل &lt;script&gt;alert(1)&lt;/script&gt; "
            "و&lt;mark&gt;وسم&lt;/mark&gt; و&amp;nbsp; داخل النص.</p>"
        ),
    )
    response = search("احتيال")
    html = response.content.decode()
    assert response.context["results"][0].title.startswith("تحذير")
    assert "<script>alert" not in html and "<mark>وسم" not in html
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;mark&gt;وسم&lt;/mark&gt;" in html and "&amp;nbsp;" in html
    assert "<mark>الاحتيال</mark>" in html and "<mark>احتيال</mark>" in html


def test_snippet_is_the_passage_around_the_match(make_story, search):
    filler = " ".join(f"كلمة{n}" for n in range(200))
    make_story(body=f"<p>{filler}</p><p>وهنا ذكر السنجاب في آخر النص.</p>")
    response = search("السنجاب")
    snippet = str(response.context["results"][0].search_snippet)
    assert snippet.startswith("… ") and "<mark>السنجاب</mark>" in snippet
    assert "كلمة0 " not in snippet and len(snippet.split()) <= 45


# Paging


@pytest.fixture
def twenty_one_matches(make_story):
    return [make_story(title=f"أخبار الفيضانات {n}") for n in range(21)]


def test_results_are_paged_and_pages_keep_the_query(twenty_one_matches, search):
    first = search("الفيضانات")
    assert first.context["paginator"].count == 21 and len(first.context["results"]) == 20
    html = first.content.decode()
    assert 'href="?q=%D8%A7%D9%84%D9%81%D9%8A%D8%B6%D8%A7%D9%86%D8%A7%D8%AA&amp;page=2"' in html
    second = search("الفيضانات", page=2)
    assert len(second.context["results"]) == 1
    assert 'rel="prev"' in second.content.decode()
    assert '<ol class="search-results" start="21">' in second.content.decode()


def test_only_the_newest_matches_are_ranked_and_the_page_says_so(make_story, search, monkeypatch):
    monkeypatch.setattr("articles.search.query.RANKED_MATCHES", 3)
    monkeypatch.setattr("articles.search.RANKED_MATCHES", 3)  # what the page tells readers
    now = timezone.now()
    # The oldest has the word in its headline, so it would rank first if it were ranked.
    oldest = make_story(title="قمة المناخ تختتم", published_at=now - timedelta(days=9))
    newer = [
        make_story(body="<p>تحدث الوزراء عن قمة المناخ.</p>", published_at=now - timedelta(days=n))
        for n in range(1, 5)
    ]
    response = search("المناخ")
    titles = [article.title for article in response.context["results"]]
    assert titles == [story.title for story in newer[:3]]
    assert oldest.title not in titles
    assert "عدد النتائج: 3 أو أكثر" in response.content.decode()

    make_story(title="قمة الطاقة")
    assert "عدد النتائج: 1</p>" in search("الطاقة").content.decode()


@pytest.mark.parametrize("page", ["3", "0", "-1", "abc", "1.5"])
def test_a_page_that_does_not_exist_is_404(twenty_one_matches, search, page):
    assert search("الفيضانات", page=page).status_code == 404


# Queries that find nothing to search for


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (None, "اكتب ما تبحث عنه"),
        ("", "اكتب ما تبحث عنه"),
        ("   \t ", "اكتب ما تبحث عنه"),
        ("في من على إلى", "كلمة يمكن البحث عنها"),
        ("؟!... ،«» -- ***", "كلمة يمكن البحث عنها"),
        ("<script>", "لا توجد أخبار تطابق"),
        ("\x00", "اكتب ما تبحث عنه"),
        ("'\"; DROP TABLE articles_article; --", "لا توجد أخبار تطابق"),
        ("باريس & | ! :* ( )", "لا توجد أخبار تطابق"),
        ("كلمةلاتوجد", "لا توجد أخبار تطابق"),
    ],
)
def test_queries_with_nothing_to_find_get_a_friendly_page(make_story, search, typed, message):
    make_story(title="خبر منشور")
    response = search(typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert html.count("<h1") == 1 and "<script>" not in html.split("</header>", 1)[1]


def test_an_overlong_query_is_cut_and_the_reader_told(make_story, search):
    story = make_story(title="قمة المناخ في جنيف")
    response = search("جنيف " + "كلمة" * 100)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"عبارة البحث أطول من {MAX_QUERY_LENGTH} حرف" in html
    assert [article.title for article in response.context["results"]] == [story.title]
    assert len(response.context["search_query"].text) <= MAX_QUERY_LENGTH


# Markup


def test_results_page_is_not_for_search_engines(make_story, search):
    make_story(title="قمة المناخ")
    html = search("المناخ", page=1).content.decode()
    head = html.split("</head>", 1)[0]
    assert '<meta name="robots" content="noindex">' in head
    assert (
        '<link rel="canonical" href="http://testserver/search/?q=%D8%A7%D9%84%D9%85%D9%86%D8%A7%D8%AE">'
        in head
    )
    assert head.count('rel="canonical"') == 1
    assert "<title>البحث عن «المناخ» | خَبَرَيْن</title>" in head


def test_results_page_has_one_h1_and_lists_results(make_story, search):
    make_story(title="قمة المناخ")
    html = search("المناخ").content.decode()
    assert html.count("<h1") == 1
    assert '<h1 class="page-title">نتائج البحث عن «المناخ»</h1>' in html
    assert 'value="المناخ"' in html  # the header form holds the query
    assert "عدد النتائج: 1" in html


@pytest.mark.parametrize("page", ["home", "article", "section", "search"])
def test_every_page_has_the_search_form_in_its_header(client, published_article, page):
    url = {
        "home": "/",
        "article": published_article.get_absolute_url(),
        "section": published_article.category.get_absolute_url(),
        "search": "/search/?q=test",
    }[page]
    html = client.get(url).content.decode()
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert '<form class="search-form" role="search" action="/search/" method="get">' in header
    assert '<label class="visually-hidden" for="site-search">' in header
    assert 'id="site-search" type="search" name="q"' in header
    # The form stops the reader where the server would cut the query.
    assert f'maxlength="{MAX_QUERY_LENGTH}"' in header


# Queries


@pytest.mark.parametrize("matches", [2, 30])
def test_query_count_does_not_grow_with_results(
    make_story, client, django_assert_num_queries, matches
):
    for n in range(matches):
        make_story(title=f"مباراة كرة القدم {n}", tags=["رياضة"])
    # navigation sections, breaking bar, the query's equivalent terms, the count, one page of
    # stories with section and photo
    with django_assert_num_queries(5):
        response = client.get("/search/", {"q": "مباراة"})
    assert response.context["paginator"].count == matches


def test_a_query_with_nothing_to_find_costs_no_search_query(client, django_assert_num_queries):
    with django_assert_num_queries(2):  # navigation sections, breaking bar
        client.get("/search/", {"q": "في من"})


def test_result_pages_link_to_each_other_keeping_the_search(client):
    ArticleFactory.create_batch(23, title="مهرجان جرش للثقافة والفنون")
    first = client.get("/search/", {"q": "جرش"}).content.decode()
    assert 'rel="next" href="?q=%D8%AC%D8%B1%D8%B4&amp;page=2"' in first
    assert "التالية" in first and 'rel="prev"' not in first
    second = client.get("/search/", {"q": "جرش", "page": 2}).content.decode()
    assert 'rel="prev" href="?q=%D8%AC%D8%B1%D8%B4&amp;page=1"' in second
    assert "صفحة 2 من 2" in second


def test_a_long_query_finds_the_stories_holding_most_of_its_words(make_story, found):
    """No story holds every word of a long query: those holding the most come first."""
    most = make_story(title="ارتفاع أسعار الذهب في أسواق الخليج")
    some = make_story(title="أسعار النفط تتراجع")
    one = make_story(title="قمة الخليج في الرياض")
    make_story(title="مباراة كرة القدم")
    assert found("ارتفاع أسعار الذهب والنفط في أسواق الخليج") == [
        most.title,
        some.title,
        one.title,
    ]
    assert found("زرافة بطريق قنفذ سنجاب") == []


def test_a_short_query_still_needs_every_word(make_story, found):
    both = make_story(title="أسعار الذهب اليوم")
    make_story(title="أسعار النفط")
    assert found("أسعار الذهب") == [both.title]
