"""How long ago a story was published, in Arabic with its six plural forms."""

from datetime import timedelta

import pytest
from django.utils import formats, timezone, translation

from articles.templatetags.articles_tags import time_ago

NOW = timezone.now()


@pytest.mark.parametrize(
    ("ago", "said"),
    [
        # zero: under a minute
        (timedelta(seconds=30), "منذ لحظات"),
        # one, two
        (timedelta(minutes=1), "منذ دقيقة"),
        (timedelta(minutes=2), "منذ دقيقتين"),
        # three to ten
        (timedelta(minutes=3), "منذ 3 دقائق"),
        (timedelta(minutes=10), "منذ 10 دقائق"),
        # eleven to ninety-nine
        (timedelta(minutes=11), "منذ 11 دقيقة"),
        (timedelta(minutes=59), "منذ 59 دقيقة"),
        (timedelta(hours=1), "منذ ساعة"),
        (timedelta(hours=2), "منذ ساعتين"),
        (timedelta(hours=4), "منذ 4 ساعات"),
        (timedelta(hours=14), "منذ 14 ساعة"),
        (timedelta(days=1), "منذ يوم"),
        (timedelta(days=2), "منذ يومين"),
        (timedelta(days=5), "منذ 5 أيام"),
        # weeks, and the days past the last whole week
        (timedelta(days=7), "منذ أسبوع"),
        (timedelta(days=8), "منذ أسبوع ويوم"),
        (timedelta(days=9), "منذ أسبوع ويومين"),
        (timedelta(days=14), "منذ أسبوعين"),
        (timedelta(days=19), "منذ أسبوعين و5 أيام"),
        (timedelta(days=22), "منذ 3 أسابيع ويوم"),
        (timedelta(days=29), "منذ 4 أسابيع ويوم"),
    ],
)
def test_recent_times_use_the_arabic_plural_forms(ago, said):
    with translation.override("ar"):
        assert time_ago(timezone.now() - ago - timedelta(seconds=1)) == said


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (100, "منذ 100 دقيقة"),
        (101, "منذ 101 دقيقة"),
        (102, "منذ 102 دقيقة"),
        (103, "منذ 103 دقائق"),
        (111, "منذ 111 دقيقة"),
    ],
)
def test_a_hundred_and_more_take_the_sixth_form(count, said):
    """No minute count reaches 100 in time_ago; the catalogue's last form is checked here."""
    with translation.override("ar"):
        assert (
            translation.ngettext("%(count)d minute ago", "%(count)d minutes ago", count)
            % {"count": count}
            == said
        )


@pytest.mark.parametrize("moment", [NOW - timedelta(days=31), NOW + timedelta(hours=3)])
def test_a_month_ago_or_a_time_to_come_is_the_date(moment):
    """Older stories, and a scheduled story's preview, show the day itself."""
    with translation.override("ar"):
        date = formats.date_format(timezone.localtime(moment), "DATE_FORMAT")
        assert time_ago(moment) == date
