"""Settings for Khabarayn, read from environment variables.

Every value that differs between a laptop, CI and production comes from the
environment; `.env.example` lists them. Production is the default: DEBUG is
off and SECRET_KEY is required unless DEBUG is switched on explicitly.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example).")
    SECRET_KEY = "insecure-development-key-only-used-with-debug"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "khabarayn.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Django's widget templates, for the form renderer below.
    "django.forms",
    "taggit",
    "imagekit",
    "reversion",
    "django_ckeditor_5",
    "csp",
    "axes",
    "categories",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags and 304s for every page, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before sessions and authentication, so that a cached page costs neither.
    "lib.page_cache.middleware.ReaderPageCacheMiddleware",
    # Inside the page cache: a cached page keeps the policy it was stored with, instead of
    # the policy being built again for every reader (it is the same for every reader).
    "khabarayn.security.ContentSecurityPolicyMiddleware",
    # A %00 in the address (and the like) is a 400 here, not a server error in a view.
    "khabarayn.security.MalformedRequestMiddleware",
    # Inside the page cache: only a page being rendered reads the database.
    "lib.page_cache.replicas.ReaderReplicaMiddleware",
    # Inside the page cache: an imported site's old addresses redirect, cached like pages.
    "articles.wordpress.middleware.LegacyAddressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check: a POST to a reader page is a 405, not a CSRF failure.
    "khabarayn.security.MethodNotAllowedMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Widgets are rendered through TEMPLATES, so templates/ can give one its own markup (the
# photo file picker: articles/photos/forms.py).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "khabarayn.urls"
WSGI_APPLICATION = "khabarayn.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "categories.context_processors.navigation",
                "articles.breaking.context_processors.breaking",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

# Readers' pages read from a streaming replica of the primary once it has replayed every
# change they must show (lib/page_cache/replicas.py); everything else reads from the primary.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    # Tests run against the primary's test database only.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["lib.page_cache.replicas.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")
_CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "khabarayn")
if CACHE_URL:
    # Django's own Redis backend. Readers' pages (lib.page_cache) have an alias of
    # their own, so that they can move to another Redis without the keys' state.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": _CACHE_KEY_PREFIX,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("PAGE_CACHE_URL") or CACHE_URL,
            "KEY_PREFIX": _CACHE_KEY_PREFIX,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }

# How long readers' pages are cached (here and by browsers and CDNs); never past the
# next scheduled publication in what browsers and CDNs are told; a change retires the
# pages that show it at once (lib/page_cache).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
# Each process keeps copies of the pages it served, checked against Redis on every use.
PAGE_CACHE_LOCAL_MAX_BYTES = env_int("PAGE_CACHE_LOCAL_MAX_BYTES", 64 * 2**20)
PAGE_STALE_WHILE_REVALIDATE_SECONDS = env_int("PAGE_STALE_WHILE_REVALIDATE_SECONDS", 30)
# How long nginx's micro-cache keeps a reader page (X-Accel-Expires, which nginx reads
# before Cache-Control and never passes on): unlike a CDN it cannot be purged by key.
PROXY_CACHE_SECONDS = env_int("PROXY_CACHE_SECONDS", 1)
# What comes due at its time, cron-free (lib/page_cache/keys.py): stories scheduled or
# reaching the end of their display, breaking lines expiring.
PAGE_CACHE_SCHEDULED_MODELS = ["articles.Article", "articles.BreakingNews"]
# Addresses the page cache never keeps: each request to them is one reader's (a read).
PAGE_CACHE_UNCACHED_PREFIXES = ["/read/"]
# How often a live story's page asks for new updates (static/js/live.js), in seconds; each
# reader waits up to half as long again, so that readers who came together ask apart.
LIVE_POLL_SECONDS = env_int("LIVE_POLL_SECONDS", 20)
# How often the most read stories of the last 24 hours are added up again (articles/reads).
MOST_READ_SECONDS = env_int("MOST_READ_SECONDS", 300)
# The keys every reader page names: the header and footer's sections, the breaking bar.
PAGE_CACHE_EVERY_PAGE_KEYS = ["navigation", "breaking"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Riyadh")
USE_I18N = True
USE_TZ = True
# Django's "ar" locale has no DATETIME_FORMAT; the newsroom's own formats live here.
FORMAT_MODULE_PATH = ["khabarayn.formats"]
# The Hijri (Umm al-Qura) date beside the Gregorian one, in the header and on each story
# (lib/hijri.py); HIJRI_DATES=0 shows the Gregorian date alone.
HIJRI_DATES = env_bool("HIJRI_DATES", True)

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Photos and their renditions on S3-compatible storage (AWS S3, MinIO, Cloudflare R2, …)
# once a bucket is named, through django-storages; imagekit's renditions follow the default
# storage. boto3 reads the credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) itself.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    _S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL", "").rstrip("/")
    _S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN", "")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": _S3_ENDPOINT_URL or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": _S3_CUSTOM_DOMAIN or None,
            # Photos are public, and their addresses sit in cached pages: no expiring
            # signatures, no per-object ACL (the bucket's policy decides).
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
        },
    }
    # Where the photos are read from: the Content-Security-Policy allows that origin.
    if _S3_CUSTOM_DOMAIN:
        _MEDIA_URL = f"https://{_S3_CUSTOM_DOMAIN}/"
    elif _S3_ENDPOINT_URL:
        _MEDIA_URL = f"{_S3_ENDPOINT_URL}/{AWS_STORAGE_BUCKET_NAME}/"
    else:
        _MEDIA_URL = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com/"
else:
    _MEDIA_URL = "/media/"
MEDIA_URL = os.environ.get("MEDIA_URL", _MEDIA_URL)
# Django serves uploaded photos itself only where no web server or bucket does.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG and not AWS_STORAGE_BUCKET_NAME)

# Uploads larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# HTTPS=1 in production (docker-compose.yml sets it): TLS ends at the load balancer or proxy
# in front, which says so in X-Forwarded-Proto; deploy/nginx.conf passes that header on.
HTTPS = env_bool("HTTPS")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # On by default: `check --deploy` asks for it (security.W021).
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)


# Mail: the newsroom's notifications (a story submitted, returned, published) go out by
# e-mail once a server is named; without one they stay on each person's desk.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.dummy.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")

TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "articles.tagging.parse_tags"
TAGGIT_STRING_FROM_TAGS = "articles.tagging.join_tags"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# The body editor. The string form of "language" loads the Arabic translation and
# makes the editing area right-to-left; the site's own stylesheet makes sub-headings
# look in the admin as they will on the page. CKEditor's default headings (its
# "Heading 1" to "Heading 3", translated) produce <h2> to <h4>.
CKEDITOR_5_CUSTOM_CSS = "css/editor.css"
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "ar",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "imageUpload",
                "|",
                "undo",
                "redo",
            ],
        },
        "image": {"toolbar": ["imageTextAlternative"]},
        "link": {"defaultProtocol": "https://"},
    },
}

# Photos
# Renditions (articles/photos/renditions.py) are stored in media storage beside the
# originals, one folder per photo, and made when a photo is saved; pages read their
# addresses from the photo's row. imagekit remembers in the cache for a day that a rendition
# exists, so making a photo's renditions again looks in storage only for those it forgot.
IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_CACHE_TIMEOUT = 24 * 60 * 60
# The body editor's inline photos go through our checks (articles/photos/views.py) and
# become Image rows. The library's own setting name is spelled CK_EDITOR_5_..., not CKEDITOR_5_....
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "articles:editor_image_upload"

# Security
# Content-Security-Policy (django-csp 4 format). Reader pages run no inline script and load
# nothing from another origin; JSON-LD blocks are data, which CSP does not govern. The
# newsroom's pages (khabarayn.security.NEWSROOM_PREFIXES) add what CKEditor 5 needs.
# MEDIA_URL and STATIC_URL may point at a bucket or CDN of our own: their origins count as ours.
_OWN_ORIGINS = sorted(
    {
        f"{parts.scheme}://{parts.netloc}"
        for parts in (urlsplit(str(url)) for url in (MEDIA_URL, STATIC_URL))
        if parts.scheme and parts.netloc
    }
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, *_OWN_ORIGINS],
        "img-src": [SELF, *_OWN_ORIGINS],
        "font-src": [SELF, *_OWN_ORIGINS],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": HTTPS,
    }
}
# Added to the policy on the newsroom's pages: CKEditor 5 injects its styles at run time
# and previews a photo being uploaded from a blob: or data: address.
NEWSROOM_CONTENT_SECURITY_POLICY_UPDATE = {
    "style-src": [UNSAFE_INLINE],
    "img-src": ["data:", "blob:"],
}

# The CSRF token reaches scripts (CKEditor's uploads) through the form, never the cookie.
CSRF_COOKIE_HTTPONLY = True

# django-axes counts failed logins for one user name from one address, and for one user name
# from every address together; once either count reaches its limit, those logins are refused
# until AXES_COOLOFF_TIME has passed since the last failure
# (khabarayn.security.login_failure_limit says which limit applies):
# - AXES_ADDRESS_FAILURE_LIMIT (AXES_FAILURE_LIMIT in the environment) for the pair. Nobody
#   can lock a journalist out from elsewhere by guessing at their name this way.
# - AXES_ACCOUNT_FAILURE_LIMIT for the account, which then cannot be logged into from
#   anywhere. Without it, guesses spread over many addresses would never stop; it is much
#   higher than the pair's, so that keeping a journalist out takes that many guesses from
#   several addresses, and shows in the log.
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ACCOUNT_FAILURE_LIMIT = env_int("AXES_ACCOUNT_FAILURE_LIMIT", 30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_FAILURE_LIMIT = "khabarayn.security.login_failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# A login refused during a lockout is not counted: its password is never checked. Counted,
# it would prolong the lockout, and one address that kept trying would reach the account's
# limit by itself.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful login forgets the account's failures, from every address.
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "khabarayn.security.lockout_response"
# The log names the account and the address (passwords are always masked): whoever reads
# "Locking out … after repeated login failures" needs both to act on it.
AXES_SENSITIVE_PARAMETERS = []
# Behind a proxy or load balancer, REMOTE_ADDR is the proxy's: TRUSTED_PROXY_COUNT says how
# many of ours append to X-Forwarded-For (1 for deploy/nginx.conf, as docker-compose.yml sets;
# 2 with a load balancer that appends too in front of it), and the address is read from
# there (khabarayn.security.client_ip). Unset or empty: 0, REMOTE_ADDR is the reader's.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "khabarayn.security.client_ip"

# Purging a CDN's copies of reader pages by key (lib/page_cache/cdn.py): "fastly" or
# "cloudflare", the purge API's address and token. Unset, nothing is sent.
CDN_PURGE_PROVIDER = os.environ.get("CDN_PURGE_PROVIDER", "").strip().lower()
if CDN_PURGE_PROVIDER not in ("", "fastly", "cloudflare"):
    raise ImproperlyConfigured("CDN_PURGE_PROVIDER must be fastly, cloudflare or empty.")
CDN_PURGE_URL = os.environ.get("CDN_PURGE_URL", "")
CDN_PURGE_TOKEN = os.environ.get("CDN_PURGE_TOKEN", "")
CDN_PURGE_ATTEMPTS = env_int("CDN_PURGE_ATTEMPTS", 5)
if CDN_PURGE_PROVIDER and not CDN_PURGE_URL:
    raise ImproperlyConfigured("CDN_PURGE_URL is required with CDN_PURGE_PROVIDER.")
