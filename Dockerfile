# newsdesk's container image: `docker build -t newsdesk .`, then `docker run newsdesk --help`.
#
# Two stages: "build" makes a wheel of newsdesk and installs it, with its runtime dependencies
# only, into the virtualenv /opt/newsdesk; the final stage is the base image with that virtualenv
# and nothing else (no compiler, no pip, no source tree). It runs as the unprivileged user
# "newsdesk" (uid 10001) and keeps its data in the volume /var/lib/newsdesk.
#
# BASE_IMAGE is any Debian-like image with Python 3.11 or newer, its venv module and useradd;
# scripts/container-test passes one made from Debian's packages.
ARG BASE_IMAGE=python:3.11-slim-bookworm

FROM ${BASE_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PIP_ROOT_USER_ACTION=ignore
# The pip that Python 3.11's venv ships cannot resolve trafilatura's requirements: upgrade it.
RUN python3 -m venv /opt/newsdesk && /opt/newsdesk/bin/pip install --upgrade pip
# Dependencies first, from pyproject.toml alone, so a change of code reuses this layer.
COPY pyproject.toml /src/
RUN python3 -c 'import tomllib; print("\n".join(tomllib.load(open("/src/pyproject.toml", "rb"))["project"]["dependencies"]))' > /tmp/requirements.txt \
 && /opt/newsdesk/bin/pip install -r /tmp/requirements.txt
COPY . /src/
RUN /opt/newsdesk/bin/pip wheel --no-deps --wheel-dir /tmp/wheels /src \
 && /opt/newsdesk/bin/pip install --no-deps /tmp/wheels/newsdesk-*.whl \
 && /opt/newsdesk/bin/pip check \
 && /opt/newsdesk/bin/pip uninstall --yes pip setuptools

FROM ${BASE_IMAGE}
LABEL org.opencontainers.image.title="newsdesk" \
      org.opencontainers.image.description="Self-hostable news aggregation" \
      org.opencontainers.image.licenses="AGPL-3.0-or-later"
RUN groupadd --gid 10001 newsdesk \
 && useradd --uid 10001 --gid newsdesk --home-dir /var/lib/newsdesk --no-create-home --no-log-init \
      --shell /usr/sbin/nologin newsdesk \
 && install --directory --owner=newsdesk --group=newsdesk --mode=0700 /var/lib/newsdesk
COPY --from=build /opt/newsdesk /opt/newsdesk
ENV PATH=/opt/newsdesk/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    NEWSDESK_DATA_DIR=/var/lib/newsdesk \
    NEWSDESK_LISTEN=0.0.0.0:8000
WORKDIR /var/lib/newsdesk
USER 10001:10001
# The static files, hashed and compressed, in the data directory's static/: a new volume starts
# with a copy, so `web` and `serve` find them current and start at once; when the settings or the
# version differ from these, they collect again into the volume (seconds). A key given only for
# this, and no database file left behind.
RUN NEWSDESK_SECRET_KEY=only-for-collecting-static-files newsdesk collectstatic \
 && rm -f /var/lib/newsdesk/newsdesk.sqlite3
VOLUME /var/lib/newsdesk
EXPOSE 8000
# Python turns SIGINT into KeyboardInterrupt: `serve` closes and a worker finishes the jobs in
# hand (SIGTERM, which nothing handles in a process 1, would wait for docker's SIGKILL). `web`
# (gunicorn) stops at once on SIGINT and lets requests finish on SIGTERM: compose.yaml says so.
STOPSIGNAL SIGINT
ENTRYPOINT ["newsdesk"]
CMD ["serve"]
