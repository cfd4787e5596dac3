"""English dates on the reader pages: 25 Nov 2026, 09:05 UTC."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i e"
