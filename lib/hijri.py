"""The Hijri date of a day, by the Umm al-Qura calendar (the `hijridate` library).

Umm al-Qura is the calendar Saudi Arabia publishes and most Arabic news sites print; it
is computed from tables, not observed, so a date is the same on every server. The
library's tables cover 1343–1500 AH (1924–2077): outside them there is no Hijri date to
show, and callers show the Gregorian date alone.
"""

from django.utils.translation import gettext
from hijridate import Gregorian


def hijri_parts(day):
    """(day, Arabic month name, year) of the Hijri date on Gregorian `day`, or None
    outside the calendar's tables."""
    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    return hijri.day, hijri.month_name("ar"), hijri.year


def hijri_date(day):
    """ "20 جمادى الآخرة 1448 هـ", or "" outside the calendar's tables."""
    parts = hijri_parts(day)
    if parts is None:
        return ""
    number, month, year = parts
    return gettext("%(day)d %(month)s %(year)d AH") % {"day": number, "month": month, "year": year}
