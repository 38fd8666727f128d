"""docker-compose.yml runs production as `manage.py check --deploy` wants it, and its health
checks get past the redirect to https."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
NGINX = ROOT / "deploy" / "nginx.conf"
# ${NAME:-default}, ${NAME-default}, ${NAME:?message}, ${NAME?message} and ${NAME}.
INTERPOLATION = re.compile(r"\$\{(?P<name>\w+)(?:(?P<kind>:?[-?])(?P<rest>[^}]*))?\}")


def service_block(service):
    """The lines of one service in docker-compose.yml (PyYAML is not a dependency)."""
    lines = COMPOSE.read_text().splitlines()
    start = lines.index(f"  {service}:") + 1
    end = next(
        (i for i in range(start, len(lines)) if re.match(r"^ {0,2}\S", lines[i])), len(lines)
    )
    return lines[start:end]


def compose_environment(service):
    """The service's `environment:` mapping, with compose's variables as compose would
    fill them with none set: defaults taken, a required SECRET_KEY made up."""
    block = service_block(service)
    start = block.index("    environment:") + 1
    environment = {}
    for line in block[start:]:
        if not line.startswith("      "):
            break
        if line.strip().startswith("#"):
            continue
        name, _, value = line.strip().partition(":")
        environment[name] = interpolate(value.strip().strip('"'))
    return environment


def interpolate(value):
    def fill(match):
        kind = match["kind"] or ""
        if "?" in kind:  # required: ${SECRET_KEY:?set SECRET_KEY}
            assert match["name"] == "SECRET_KEY", match[0]
            return secrets.token_urlsafe(50)
        return match["rest"] if "-" in kind else ""

    return INTERPOLATION.sub(fill, value)


def healthcheck(service):
    block = "\n".join(service_block(service))
    return block[block.index("healthcheck:") :].split("interval:")[0]


def run_as_web(*args):
    """Python (`args` after `python`) with exactly the web service's environment, and what
    Python needs to start. Nothing here connects to its database or Redis."""
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env.update(compose_environment("web"), DJANGO_SETTINGS_MODULE="khabarayn.settings")
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_the_web_service_runs_production_over_https():
    web = compose_environment("web")
    assert web["DEBUG"] == "0"
    assert web["HTTPS"] == "1"
    assert web["TRUSTED_PROXY_COUNT"] == "1"  # nginx, which appends to X-Forwarded-For
    assert len(web["SECRET_KEY"]) >= 50


def test_check_deploy_is_clean_with_the_compose_environment():
    result = run_as_web("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout


def test_health_checks_say_they_come_through_https():
    """With HTTPS=1, Django redirects a plain http request (301) before any page: curl -f
    would call that healthy only by luck, and wget follows it to a port nobody listens on."""
    for service in ("web", "nginx"):
        assert '"X-Forwarded-Proto: https"' in healthcheck(service), service


HEALTH_CHECK_REQUEST = """
import django
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware
from django.test import RequestFactory

django.setup()
site = SecurityMiddleware(lambda request: HttpResponse("ok"))


def get(**headers):
    request = RequestFactory().get("/", headers={"host": "localhost", **headers})
    request.get_host()  # refused unless in ALLOWED_HOSTS
    return site(request)


health_check, plain = get(x_forwarded_proto="https"), get()
print(health_check.status_code, plain.status_code, plain.get("Location"))
"""


def test_the_web_health_check_is_not_redirected():
    """The request the web service's health check sends, under the service's settings,
    gets past SecurityMiddleware's redirect (which comes before any page); plain http not."""
    result = run_as_web("-c", HEALTH_CHECK_REQUEST)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "301", "https://localhost/"]


def test_nginx_passes_on_the_scheme_the_proxy_in_front_reports():
    config = NGINX.read_text()
    assert "proxy_set_header X-Forwarded-Proto $forwarded_proto;" in config
    assert "proxy_set_header X-Forwarded-Proto $scheme;" not in config
    mapping = config[config.index("map $http_x_forwarded_proto $forwarded_proto {") :]
    mapping = mapping[: mapping.index("}")]
    assert "default $http_x_forwarded_proto;" in mapping and '"" $scheme;' in mapping


def test_nginx_keys_pages_on_their_path_and_own_parameters():
    key = re.search(r"^\s*proxy_cache_key (.+);$", NGINX.read_text(), re.MULTILINE)[1]
    assert "$request_uri" not in key and "$args" not in key
    assert "$request_path" in key
    assert {"$arg_page", "$arg_p", "$arg_q"} == set(re.findall(r"\$arg_\w+", key))
