"""Arabic dates on the reader pages: 25 نوفمبر 2026، 09:05 UTC (Arabic comma)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i e"
