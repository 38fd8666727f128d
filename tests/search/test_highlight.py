"""Marking matched words: escaped text, whole words, spelling variants."""

from articles.search import highlight, marker_pattern, snippet


def test_marks_whole_words_in_any_spelling():
    pattern = marker_pattern(["مدرس", "اوكراني"])  # stems, as PostgreSQL gives them
    html = highlight("الْمَدْرَسَةُ والمدرسـة الأوكرانية ومدرسون", pattern)
    assert html == (
        "<mark>الْمَدْرَسَةُ</mark> <mark>والمدرسـة</mark> <mark>الأوكرانية</mark> <mark>ومدرسون</mark>"
    )


def test_only_prefix_letters_may_stand_before_a_marker():
    pattern = marker_pattern(["زير"])
    assert highlight("الوزير في الجزيرة", pattern) == "<mark>الوزير</mark> في الجزيرة"


def test_a_short_marker_must_end_the_word():
    pattern = marker_pattern(["غد"])
    assert highlight("غد وغدا الغد", pattern) == "<mark>غد</mark> وغدا <mark>الغد</mark>"


def test_text_is_escaped_around_and_inside_marks():
    pattern = marker_pattern(["script"])
    assert highlight('<b>"x"</b> <script>', pattern) == (
        "&lt;b&gt;&quot;x&quot;&lt;/b&gt; &lt;<mark>script</mark>&gt;"
    )


def test_no_markers_marks_nothing():
    assert marker_pattern([]) is None
    assert highlight("<i>نص</i>", None) == "&lt;i&gt;نص&lt;/i&gt;"


def test_snippet_without_a_match_is_the_beginning():
    text = " ".join(f"كلمة{n}" for n in range(100))
    result = snippet(text, marker_pattern(["غيرموجود"]), size=5)
    assert result == "كلمة0 كلمة1 كلمة2 كلمة3 كلمة4 …"


def test_snippet_prefers_the_passage_with_most_matches():
    words = ["حشو"] * 30 + ["قمة"] + ["حشو"] * 30 + ["قمة", "باريس", "قمة"] + ["حشو"] * 30
    result = snippet(" ".join(words), marker_pattern(["قمه", "باريس"]), size=8)
    assert result.count("<mark>") == 3
    assert result.startswith("… ") and result.endswith(" …")
