"""Russian date formats, over Django's own (`django/conf/locale/ru/formats.py`).

Django's end in «г.» ("j E Y г."), so a date closing a sentence reads «2 июня 2028 г..»:
the year is written bare instead, as `skillpath.core.display.long_date` writes it.
Every other format falls back to Django's.
"""

DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, G:i"
YEAR_MONTH_FORMAT = "F Y"
