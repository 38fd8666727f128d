"""The Hijri (Umm al-Qura) date beside the Gregorian one, in the header and on each story
(issue 16), and a setting that turns it off."""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine

from articles.templatetags.articles_tags import hijri
from lib.hijri import hijri_date, hijri_parts
from tests.factories import ArticleFactory

# Gregorian days either side of a Hijri month's first day, as Umm al-Qura publishes them.
KNOWN_DAYS = [
    (date(2023, 7, 19), (1, "محرم", 1445)),
    (date(2024, 3, 10), (29, "شعبان", 1445)),  # the eve of Ramadan
    (date(2024, 3, 11), (1, "رمضان", 1445)),
    (date(2024, 4, 9), (30, "رمضان", 1445)),
    (date(2024, 4, 10), (1, "شوال", 1445)),  # Eid al-Fitr
    (date(2024, 7, 6), (30, "ذو الحجة", 1445)),  # the year's last day
    (date(2024, 7, 7), (1, "محرم", 1446)),
    (date(2025, 2, 28), (29, "شعبان", 1446)),
    (date(2025, 3, 1), (1, "رمضان", 1446)),
    (date(2025, 3, 30), (1, "شوال", 1446)),
    (date(2026, 11, 30), (20, "جمادى الآخرة", 1448)),  # the example
]


@pytest.mark.parametrize(("day", "expected"), KNOWN_DAYS, ids=str)
def test_known_days_at_month_boundaries(day, expected):
    assert hijri_parts(day) == expected


def test_the_date_reads_in_arabic_with_the_hijri_era():
    assert hijri_date(date(2026, 11, 30)) == "20 جمادى الآخرة 1448 هـ"


def test_outside_the_calendar_tables_there_is_no_hijri_date():
    """Umm al-Qura's tables end in 2077: the Gregorian date is shown alone, no error."""
    assert hijri_date(date(1900, 1, 1)) == ""
    assert hijri_date(date(2077, 11, 17)) == ""


def test_a_moment_is_dated_in_the_site_time_zone():
    """21:30 UTC on 9 April 2024 is already 10 April in Riyadh: the first of Shawwal."""
    moment = datetime(2024, 4, 9, 21, 30, tzinfo=UTC)
    assert hijri(moment) == "1 شوال 1445 هـ"


@pytest.mark.django_db
@time_machine.travel(datetime.fromisoformat("2026-11-30T09:00:00+03:00"), tick=False)
def test_the_header_shows_today_in_both_calendars(client):
    page = client.get("/").content.decode()
    header = re.search(r'<p class="todays-date">.*?</p>', page)[0]
    assert '<time datetime="2026-11-30">الاثنين 30 نوفمبر 2026</time>' in header
    assert "20 جمادى الآخرة 1448 هـ" in header


@pytest.mark.django_db
def test_the_story_shows_its_publication_day_in_both_calendars(client):
    story = ArticleFactory(published_at=datetime.fromisoformat("2024-03-11T12:00:00+03:00"))
    page = client.get(story.get_absolute_url()).content.decode()
    assert "11 مارس 2024" in page
    assert "(1 رمضان 1445 هـ)" in page


@pytest.mark.django_db
def test_the_setting_turns_the_hijri_date_off(client, settings):
    settings.HIJRI_DATES = False
    story = ArticleFactory(published_at=datetime.fromisoformat("2024-03-11T12:00:00+03:00"))
    page = client.get(story.get_absolute_url()).content.decode()
    assert "11 مارس 2024" in page
    assert "هـ" not in page
