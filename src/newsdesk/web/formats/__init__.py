"""Date formats of the interface's languages, over Django's own (``FORMAT_MODULE_PATH``).

Pages show an absolute time as day, month and year with the hour and the zone
("25 Nov 2026, 09:05 UTC", "25. November 2026, 09:05 UTC", "25 نوفمبر 2026، 09:05 UTC"); the
month names come from Django's translations.
"""
