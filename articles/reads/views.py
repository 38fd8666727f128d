import base64

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.module_loading import import_string
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from ..models import Article
from .counting import add_read, first_read_this_hour, is_a_bot

# The smallest transparent GIF, for the <noscript> image.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


# A beacon carries no CSRF token, and a read changes nothing but a counter.
@method_decorator(csrf_exempt, name="dispatch")
class ReadView(View):
    """A read of a story: POST from our script's beacon (204), GET from the no-JS image
    (a 1×1 GIF). Never cached, by anyone: each request is one reader's.

    Counted once per reader, story and hour; bots and stories readers cannot see are not
    counted. The story is looked up only for a reader's first read of it this hour.
    """

    http_method_names = ["get", "post"]

    def post(self, request, pk):
        self.count(request, pk)
        return self.uncached(HttpResponse(status=204))

    def get(self, request, pk):
        self.count(request, pk)
        return self.uncached(HttpResponse(PIXEL, content_type="image/gif"))

    def count(self, request, pk):
        if is_a_bot(request):
            return
        address = import_string(settings.AXES_CLIENT_IP_CALLABLE)(request) or ""
        agent = request.headers.get("User-Agent", "")
        # Only a story readers may see is counted; the probe is by primary key, and only
        # for a reader's first read of it this hour.
        if (
            first_read_this_hour(address, agent, pk)
            and Article.objects.published().filter(pk=pk).exists()
        ):
            add_read(pk)

    @staticmethod
    def uncached(response):
        add_never_cache_headers(response)
        return response
