"""Security plumbing: one Content-Security-Policy per audience, refusals of malformed
requests, the Arabic 405 page, and django-axes' limits on failed
logins and the page a locked-out login gets."""

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.admin.options import TO_FIELD_VAR
from django.core.exceptions import SuspiciousOperation
from django.db.models import Sum
from django.shortcuts import render
from django.template.response import TemplateResponse

# The newsroom's pages, whose editor needs a looser style policy than readers' pages.
NEWSROOM_PREFIXES = ("/admin/", "/ckeditor5/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with NEWSROOM_CONTENT_SECURITY_POLICY_UPDATE added on the
    newsroom's pages (CKEditor 5 inserts <style> elements as it runs)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.update is None
            and request.path_info.startswith(NEWSROOM_PREFIXES)
        ):
            parts.update = settings.NEWSROOM_CONTENT_SECURITY_POLICY_UPDATE
        return parts


class MalformedRequest(SuspiciousOperation):
    """Django answers it with the 400 page and logs it (django.security.MalformedRequest)."""


class MalformedRequestMiddleware:
    """Refuses, before any view sees them, requests that no page of ours sends and that
    would otherwise end in a server error:

    - a NUL character (%00) in the path: PostgreSQL cannot hold one in text, so a view that
      looked it up (the admin's history of object "%00") would fail;
    - on the newsroom's pages, a NUL in the query string too (the admin's own search);
      reader pages validate their parameters themselves (the search box drops it);
    - an empty `_to_field` on an admin page: Django's admin takes "" for a field name
      (ModelAdmin.get_object raises FieldDoesNotExist); its own pages send a name or none.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise MalformedRequest("NUL character in the request's path")
        if request.path_info.startswith(NEWSROOM_PREFIXES):
            query = (text for key, values in request.GET.lists() for text in (key, *values))
            if any("\x00" in text for text in query):
                raise MalformedRequest("NUL character in the request's query string")
            if "" in (
                request.GET.get(TO_FIELD_VAR),
                request.POST.get(TO_FIELD_VAR) if request.method == "POST" else None,
            ):
                raise MalformedRequest("Empty _to_field")
        return self.get_response(request)


class MethodNotAllowedMiddleware:
    """Answers a method a view does not take with the Arabic 405 page.

    Django's own 405 (`HttpResponseNotAllowed`) has an empty body. A class-based view's
    methods are known before it runs, so a POST to a reader page is refused here, ahead of
    the CSRF check (which would otherwise call it a CSRF failure); any other empty 405 that
    a view returns gets the page on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not getattr(response, "content", b"x"):
            return self.not_allowed(request, response.get("Allow", ""))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "view_class", None)
        if view_class is None:
            return None
        allowed = allowed_methods(view_class)
        if request.method.upper() in allowed:
            return None
        return self.not_allowed(request, ", ".join(allowed))

    @staticmethod
    def not_allowed(request, allow):
        response = TemplateResponse(request, "405.html", status=405)
        response["Allow"] = allow
        return response.render()


def allowed_methods(view_class):
    """What View._allowed_methods() says, from the class: HEAD is answered by get()."""
    return [
        name.upper()
        for name in view_class.http_method_names
        if hasattr(view_class, name) or (name == "head" and hasattr(view_class, "get"))
    ]


def login_failure_limit(request, credentials=None):
    """How many failed logins lock this one out, for django-axes (AXES_FAILURE_LIMIT).

    Axes counts failures for each of AXES_LOCKOUT_PARAMETERS, the (user name, address) pair
    and the user name alone, and holds the larger count, the account's, against a single
    limit. So the limit is the pair's once the pair has used it up, and the account's
    otherwise: the login is refused when either count has reached its own limit. The pair's
    count is read as axes' database handler (AXES_HANDLER's default) keeps it.
    """
    pair_failures = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=request.axes_ip_address,
        attempt_time__gte=get_cool_off_threshold(request),
    ).aggregate(failures=Sum("failures_since_start"))["failures"]
    if (pair_failures or 0) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
        return settings.AXES_ADDRESS_FAILURE_LIMIT
    return settings.AXES_ACCOUNT_FAILURE_LIMIT


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE), in Arabic.

    Axes' own AXES_LOCKOUT_TEMPLATE gets the cool-off only as a timedelta, which a template
    cannot turn into minutes. `locked_everywhere`: the account's limit was reached, from
    several addresses, rather than this address's.
    """
    cool_off = get_cool_off(request)
    failure_limit = get_failure_limit(request, credentials)
    context = {
        "failure_limit": failure_limit,
        "locked_everywhere": failure_limit != settings.AXES_ADDRESS_FAILURE_LIMIT,
        "minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "axes/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


def client_ip(request):
    """The address a login came from, for django-axes (AXES_CLIENT_IP_CALLABLE).

    Behind TRUSTED_PROXY_COUNT proxies of ours, each appending to X-Forwarded-For, the
    address the outermost one saw is that many entries from the end; whatever stands before
    it, the client may have written itself.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if count and len(forwarded) >= count and forwarded[-count]:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
