"""``newsdesk digest``: an operator's look at readers' e-mail digests, and unsubscribe by token.

``digest --preview EMAIL`` prints the digest that reader would get now (the plain-text part, or
the HTML with ``--html``, or writes the HTML to ``--output FILE``); nothing is sent.
``digest --unsubscribe TOKEN`` turns off the digest a token names (the token of an unsubscribe
mail sent to ``NEWSDESK_UNSUBSCRIBE_MAILTO``, from its subject).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    digest = sub.add_parser("digest", help="preview a reader's e-mail digest; unsubscribe")
    what = digest.add_mutually_exclusive_group(required=True)
    what.add_argument("--preview", metavar="EMAIL", help="the reader whose digest to render")
    what.add_argument("--unsubscribe", metavar="TOKEN", help="turn off the digest of a token")
    digest.add_argument("--html", action="store_true", help="print the HTML part, not the text")
    digest.add_argument("--output", type=Path, help="write the HTML part to this file")


def run(args: argparse.Namespace) -> int:
    from django.contrib.auth.models import User
    from django.utils import timezone

    from newsdesk.desk.readers import digest_plans, digests

    now = timezone.now()
    if args.unsubscribe:
        user = digest_plans.unsubscribe(args.unsubscribe.strip(), now)
        if user is None:
            print("That token names no reader.", file=sys.stderr)
            return 1
        print(f"The digest of {user.email} is off.")
        return 0
    user = User.objects.filter(email__iexact=args.preview.strip()).first()
    if user is None:
        print(f"No reader has the address {args.preview}.", file=sys.stderr)
        return 1
    rendered, count = digests.preview(user, now)
    if rendered is None:
        print("No story for this reader's digest now: none would be sent.", file=sys.stderr)
        return 0
    if args.output:
        args.output.write_text(rendered.html, encoding="utf-8")
        print(f"{count} stories; the HTML is in {args.output}.", file=sys.stderr)
        return 0
    print(f"Subject: {rendered.subject}")
    for name, value in rendered.headers.items():
        print(f"{name}: {value}")
    print()
    print(rendered.html if args.html else rendered.text)
    return 0
