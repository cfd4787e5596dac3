"""German dates on the reader pages: 25. November 2026, 09:05 UTC."""

DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y, H:i e"
