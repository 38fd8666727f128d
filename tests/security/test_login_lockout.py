"""Guessing at a password locks that name out from that address for a while, in Arabic;
guessing from many addresses locks the account out everywhere, at a much higher count."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"  # every UserFactory account's
LOGIN = "/admin/login/"


def attempt(client, username, password, address="203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def fail_until_locked(client, username, address="203.0.113.7"):
    for _ in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        response = attempt(client, username, "wrong-password", address)
        assert response.status_code == 200  # the login form again, with its error
    return attempt(client, username, "wrong-password", address)


def test_repeated_failures_lock_the_name_out_from_that_address(client, editor, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        response = fail_until_locked(client, "editor")
    assert response.status_code == 429
    html = response.content.decode()
    assert 'lang="ar"' in html and "تسجيل الدخول موقوف مؤقتاً" in html
    assert f"{settings.AXES_ADDRESS_FAILURE_LIMIT} مرات" in html and "15 دقيقة" in html
    assert "Content-Security-Policy" in response
    lockouts = [r.getMessage() for r in caplog.records if "Locking out" in r.getMessage()]
    assert len(lockouts) == 1
    assert "editor" in lockouts[0] and "203.0.113.7" in lockouts[0]
    assert "wrong-password" not in caplog.text
    # Now even the right password is refused, without being checked.
    assert attempt(client, "editor", PASSWORD).status_code == 429


def test_a_lockout_does_not_lock_the_newsroom_out(client, editor, journalist):
    """Keyed on name and address together: an attacker guessing at the editor's name
    from elsewhere locks out only themselves."""
    fail_until_locked(client, "editor", address="198.51.100.66")
    assert attempt(client, "editor", PASSWORD, address="203.0.113.7").status_code == 302
    client.logout()
    assert attempt(client, "journalist", PASSWORD, address="198.51.100.66").status_code == 302


def test_the_lockout_ends_by_itself(client, editor):
    fail_until_locked(client, "editor")
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        assert attempt(client, "editor", PASSWORD).status_code == 302


def test_a_success_forgets_earlier_failures(client, editor):
    for _ in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        attempt(client, "editor", "wrong-password")
    assert attempt(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        attempt(client, "editor", "wrong-password")
    assert attempt(client, "editor", PASSWORD).status_code == 302


def test_test_clients_still_log_in(client, editor):
    """force_login skips authentication; login() must hand axes a request to judge."""
    client.force_login(editor)
    assert client.get(reverse("admin:index")).status_code == 200
    client.logout()
    assert client.login(request=HttpRequest(), username="editor", password=PASSWORD)
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize(
    "password", ["short1", "password123", "1234567890123", "editor1234", "qwertyuiop"]
)
def test_weak_passwords_are_refused(editor, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=editor)


def test_a_strong_password_is_accepted(editor):
    validate_password("ثلاث كلمات بعيدة عن الاسم 7", user=editor)


def test_behind_a_proxy_the_address_comes_from_it_not_the_client(client, editor, settings):
    """nginx appends the address it saw to X-Forwarded-For; what comes before is the
    client's to write, so rotating it does not escape a lockout."""
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt_number in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        response = client.post(
            LOGIN,
            {"username": "editor", "password": "wrong-password"},
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt_number}, 203.0.113.9",
        )
    assert response.status_code == 429
    elsewhere = client.post(
        LOGIN,
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.10",
    )
    assert elsewhere.status_code == 302


def fail_from_many_addresses(client, username, failures):
    """`failures` wrong passwords for `username`, spread over addresses so that none of
    them reaches its own limit. Returns the responses."""
    per_address = settings.AXES_ADDRESS_FAILURE_LIMIT - 1
    return [
        attempt(client, username, "wrong-password", f"198.51.100.{number // per_address}")
        for number in range(failures)
    ]


def test_guesses_from_many_addresses_lock_the_account_out_everywhere(
    client, editor, journalist, caplog
):
    limit = settings.AXES_ACCOUNT_FAILURE_LIMIT
    assert limit > settings.AXES_ADDRESS_FAILURE_LIMIT
    with caplog.at_level(logging.WARNING, logger="axes"):
        *refused_passwords, last = fail_from_many_addresses(client, "editor", limit)
    assert [response.status_code for response in refused_passwords] == [200] * (limit - 1)
    assert last.status_code == 429
    assert last.context["locked_everywhere"] and last.context["failure_limit"] == limit
    assert "من أجهزة مختلفة" in last.content.decode()
    assert f"{limit} " in last.content.decode()
    assert len([r for r in caplog.records if "Locking out" in r.getMessage()]) == 1
    # The right password, from the journalist's own desk, is refused too ...
    assert attempt(client, "editor", PASSWORD, address="203.0.113.7").status_code == 429
    # ... and no other account is.
    assert attempt(client, "journalist", PASSWORD, address="198.51.100.0").status_code == 302
    client.logout()
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        assert attempt(client, "editor", PASSWORD, address="203.0.113.7").status_code == 302


def test_fewer_guesses_than_the_accounts_limit_lock_only_their_addresses(client, editor):
    fail_from_many_addresses(client, "editor", settings.AXES_ACCOUNT_FAILURE_LIMIT - 1)
    assert attempt(client, "editor", PASSWORD, address="203.0.113.7").status_code == 302


def test_one_address_that_keeps_trying_cannot_lock_the_account(client, editor):
    """Logins refused during its lockout are not failures: their passwords are never
    checked. Counted, they would reach the account's limit from that one address."""
    response = fail_until_locked(client, "editor", address="198.51.100.66")
    assert response.status_code == 429
    assert not response.context["locked_everywhere"]
    for _ in range(settings.AXES_ACCOUNT_FAILURE_LIMIT):
        assert attempt(client, "editor", "wrong-password", "198.51.100.66").status_code == 429
    assert attempt(client, "editor", PASSWORD, address="203.0.113.7").status_code == 302
    client.logout()
    # Nor does it make that address's lockout last longer.
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        assert attempt(client, "editor", PASSWORD, address="198.51.100.66").status_code == 302


def test_the_account_limit_can_be_set(client, editor, settings):
    settings.AXES_ACCOUNT_FAILURE_LIMIT = 7
    *_, last = fail_from_many_addresses(client, "editor", 7)
    assert last.status_code == 429
    assert attempt(client, "editor", PASSWORD, address="203.0.113.7").status_code == 429
