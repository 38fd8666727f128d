"""Someone is editing: a colleague who opens the story sees who, and since when (#14)."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.workflow.conftest import change_url, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("nobody_editing")]


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def banner(client, story):
    page = client.get(change_url(story)).content.decode()
    return page.split('id="editing-now"')[1].split("</div>")[0]


def test_a_colleague_opening_the_story_sees_who_is_editing(journalist, editor, own_draft):
    journalist_client = client_of(journalist)
    heartbeat = reverse("admin:articles_article_autosave", args=[own_draft.pk])
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert "يحرّر" not in banner(journalist_client, own_draft)
    with time_machine.travel(start + timedelta(seconds=60), tick=False):
        assert journalist_client.post(heartbeat).json() == {"editing": []}
    with time_machine.travel(start + timedelta(seconds=125), tick=False):
        shown = banner(client_of(editor), own_draft)
    assert "ليلى حداد يحرّر هذا الخبر الآن (فتحه منذ دقيقتين)." in shown
    # … and the journalist's next heartbeat names the editor in turn.
    with time_machine.travel(start + timedelta(seconds=130), tick=False):
        answer = journalist_client.post(heartbeat).json()
    assert answer["editing"] == ["منى العلي يحرّر هذا الخبر الآن (فتحه منذ لحظات)."]


def test_the_record_goes_a_minute_or_so_after_the_tab_closes(journalist, editor, own_draft):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client_of(journalist).get(change_url(own_draft))
    with time_machine.travel(start + timedelta(seconds=90), tick=False):
        assert "يحرّر" not in banner(client_of(editor), own_draft)


def test_leaving_the_page_ends_it_at_once(journalist, editor, own_draft):
    journalist_client = client_of(journalist)
    journalist_client.get(change_url(own_draft))
    heartbeat = reverse("admin:articles_article_autosave", args=[own_draft.pk])
    journalist_client.post(heartbeat, {"leave": "1"})
    assert "يحرّر" not in banner(client_of(editor), own_draft)


def test_the_stale_save_is_still_refused(journalist, editor, own_draft):
    journalist_client, editor_client = client_of(journalist), client_of(editor)
    journalist_client.get(change_url(own_draft))
    editor_client.get(change_url(own_draft))
    assert editor_client.post(change_url(own_draft), form_data(own_draft)).status_code == 302
    refused = journalist_client.post(change_url(own_draft), form_data(own_draft, title="متأخر"))
    assert refused.status_code == 200
    assert "لم يُحفظ شيء" in refused.content.decode()
