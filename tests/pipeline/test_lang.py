"""Language detection works offline on a few languages and declines to guess on scraps."""

import pytest

from newsdesk.pipeline.lang import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The council voted on Tuesday to expand the ferry service to three new stops.", "en"),
        ("Der Stadtrat hat am Dienstag beschlossen, den Fährbetrieb auszuweiten.", "de"),
        ("Le conseil municipal a voté mardi l'extension du service de bac à trois arrêts.", "fr"),
        ("El ayuntamiento votó el martes ampliar el servicio de transbordador.", "es"),
        ("Городской совет во вторник проголосовал за расширение паромного сообщения.", "ru"),
        ("صوّت مجلس المدينة يوم الثلاثاء على توسيع خدمة العبّارات إلى ثلاث محطات جديدة.", "ar"),
    ],
)
def test_detects_common_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "OK", "12 34 56", "   \n  "])
def test_declines_on_scraps(text: str) -> None:
    assert detect_language(text) == ""
