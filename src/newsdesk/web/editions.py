"""Edition pages: the list of editions, one edition's home page, choosing an edition, and the
"your edition" offer on the home page.

Each edition is its own address (``/edition/de-DE/``), so the page cache (decision 13: anonymous
pages cached whole per URL) stays correct: no page varies on the chosen edition. Choosing one
(a plain form, which works without JavaScript) keeps its code in a cookie and goes to its page;
the home page then offers the chosen edition through a small fragment that htmx loads
(``/editions/yours/``), which varies on the cookie and is never stored, so "/" itself never
depends on it.

The choice form carries no CSRF token: the token would set a cookie on every anonymous page and
keep them out of the page cache, and the only thing a forged post could do is pick an edition.
"""

from __future__ import annotations

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsdesk.desk import editions as edition_desk
from newsdesk.desk.reading import PAGE_SIZE, ArticlePage
from newsdesk.web.views import page_number, river

COOKIE = edition_desk.EDITION_COOKIE
COOKIE_AGE = 365 * 24 * 3600
TOP_COUNT = 12


def editions_page(request: HttpRequest) -> HttpResponse:
    """Every edition, grouped by language, each a button that chooses it."""
    return render(request, "web/editions.html", {"groups": edition_desk.editions_by_language()})


def edition_page(request: HttpRequest, code: str) -> HttpResponse:
    """An edition's home page: its stories ranked for the country, then its newest articles."""
    edition = edition_desk.edition_by_code(code)
    if edition is None:
        raise Http404("No such edition")
    if edition.code != code:
        return HttpResponsePermanentRedirect(reverse("web:edition", args=[edition.code]))
    number = page_number(request)
    articles = edition_desk.edition_articles(edition)
    start = (number - 1) * PAGE_SIZE
    rows = list(articles[start : start + PAGE_SIZE + 1])
    page = ArticlePage(
        rows[:PAGE_SIZE],
        number,
        number + 1 if len(rows) > PAGE_SIZE else None,
    )
    top = edition_desk.edition_stories(edition, timezone.now(), TOP_COUNT) if number == 1 else []
    context = {"edition": edition, "top_stories": top, "editions": edition_desk.EDITIONS}
    return river(request, "web/edition.html", page, context)


@csrf_exempt
@require_POST
def choose_edition(request: HttpRequest) -> HttpResponse:
    """Remember the chosen edition in a cookie and go to its page; an empty choice forgets it."""
    code = request.POST.get("edition", "")
    if not code.strip():
        response = HttpResponseRedirect(reverse("web:home"))
        response.delete_cookie(COOKIE, samesite="Lax")
        return response
    edition = edition_desk.edition_by_code(code)
    if edition is None:
        return HttpResponseRedirect(reverse("web:editions"))
    response = HttpResponseRedirect(reverse("web:edition", args=[edition.code]))
    secure = settings.SESSION_COOKIE_SECURE or request.is_secure()  # Secure behind TLS too
    response.set_cookie(COOKIE, edition.code, max_age=COOKIE_AGE, samesite="Lax", secure=secure)
    return response


@never_cache
def your_edition(request: HttpRequest) -> HttpResponse:
    """The home page's offer of the visitor's chosen edition (empty when none is chosen)."""
    edition = edition_desk.edition_by_code(request.COOKIES.get(COOKIE, ""))
    response = render(request, "web/_your_edition.html", {"edition": edition})
    patch_vary_headers(response, ["Cookie"])
    return response
