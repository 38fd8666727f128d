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

COPY pyproject.toml README.md ./
COPY khabarayn ./khabarayn
COPY articles ./articles
COPY categories ./categories
RUN pip install .

COPY . .
# collectstatic needs a key to import the settings; the real one comes at run time.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown khabarayn /app/media

USER khabarayn
EXPOSE 8000
CMD ["gunicorn", "khabarayn.wsgi:application", "--config", "deploy/gunicorn.conf.py"]
