"""Argon2 at its smallest cost, for passwords hashed and checked in the tests' own process.

Production hashes with Django's ``Argon2PasswordHasher`` (about 0.3 s of CPU and 100 MB each).
The tests hash a few thousand passwords (every reader a fixture makes, every sign-in they try),
which was the largest single cost of the auth tests. This hasher is the same algorithm, named
``argon2`` like Django's, through the same code (only the cost parameters differ, and Argon2
stores them in each hash), so a hash made here verifies in a ``newsdesk`` process and the
reverse. Processes the tests start (servers, workers, the CLI) keep the production hasher.
The tests that time password checks ask for ``production_password_hashing`` (tests/conftest.py):
their point is the cost of a hash.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 8  # KiB, Argon2's least for one lane
    parallelism = 1
