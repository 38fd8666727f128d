# The web app: gunicorn with production settings; WhiteNoise serves the static files.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 khabarayn

# Every dependency from the lock, pinned and checked against its hashes (make lock);
# then the project itself, which has no hash: pip check fails the build if the lock
# is missing something pyproject.toml asks for.
COPY requirements/base.txt ./requirements/base.txt
RUN pip install --require-hashes -r requirements/base.txt

COPY pyproject.toml README.md ./
COPY khabarayn ./khabarayn
COPY articles ./articles
COPY categories ./categories
COPY lib ./lib
RUN pip install --no-deps . && pip check

COPY . .
# collectstatic needs a key to import the settings; the real one comes at run time.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown khabarayn /app/media

USER khabarayn
EXPOSE 8000
CMD ["gunicorn", "khabarayn.wsgi:application", "--config", "deploy/gunicorn.conf.py"]
