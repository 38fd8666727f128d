"""How long ago a story was published, in Arabic with its six plural forms."""

from datetime import timedelta

import pytest
from django.utils import formats, timezone, translation

from articles.templatetags.articles_tags import time_ago

NOW = timezone.now()


@pytest.mark.parametrize(
    ("ago", "said"),
    [
        (timedelta(seconds=30), "الآن"),
        (timedelta(minutes=1), "منذ دقيقة"),
        (timedelta(minutes=2), "منذ دقيقتين"),
        (timedelta(minutes=3), "منذ 3 دقائق"),
        (timedelta(minutes=10), "منذ 10 دقائق"),
        (timedelta(minutes=11), "منذ 11 دقيقة"),
        (timedelta(hours=1), "منذ ساعة"),
        (timedelta(hours=2), "منذ ساعتين"),
        (timedelta(hours=4), "منذ 4 ساعات"),
        (timedelta(hours=14), "منذ 14 ساعة"),
        (timedelta(days=1), "منذ يوم"),
        (timedelta(days=2), "منذ يومين"),
        (timedelta(days=5), "منذ 5 أيام"),
    ],
)
def test_recent_times_use_the_arabic_plural_forms(ago, said):
    with translation.override("ar"):
        assert time_ago(timezone.now() - ago - timedelta(seconds=1)) == said


@pytest.mark.parametrize("moment", [NOW - timedelta(days=9), NOW + timedelta(hours=3)])
def test_a_week_ago_or_a_time_to_come_is_the_date(moment):
    """Older stories, and a scheduled story's preview, show the day itself."""
    with translation.override("ar"):
        date = formats.date_format(timezone.localtime(moment), "DATE_FORMAT")
        assert time_ago(moment) == date
