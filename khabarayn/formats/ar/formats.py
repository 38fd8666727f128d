# Django's "ar" locale leaves DATETIME_FORMAT and friends to the English defaults.
# "j F Y" renders as "٣ أبريل ٢٠٢٥" style Arabic month names through the locale's
# translations; the 12-hour clock with ص/م is how Arabic newsrooms print times.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "j F Y، g:i A"
SHORT_DATE_FORMAT = "Y/m/d"
SHORT_DATETIME_FORMAT = "Y/m/d g:i A"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 6  # Saturday
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
