"""`make soak`'s writer, a process of its own: it publishes, edits and unpublishes stories
through the ORM while the database restarts under it, and logs each write once it is
committed; `check_articles` then finds every logged write in the database.

Run by soak.py as `python -m bench.soak_writer LOG SECONDS`, with the soak's environment.
"""

import hashlib
import json
import random
import secrets
import subprocess
import sys
import time
from pathlib import Path

from bench.environment import PYTHON, ROOT


def write(log_path, seconds):
    import django

    django.setup()
    from django.db import close_old_connections, connection

    from articles.models import Article, Image
    from categories.models import Category

    rng = random.Random(7)
    photo, sections = Image.objects.first(), list(Category.objects.all())
    stop_at = time.monotonic() + seconds
    mine = []
    with open(log_path, "a", encoding="utf-8") as log:
        step = 0
        while time.monotonic() < stop_at:
            step += 1
            action = "create"
            if mine and step % 3:
                action = rng.choice(["edit", "unpublish", "publish"])
            story_id = None if action == "create" else rng.choice(mine)
            wanted = {
                "title": f"خبر الاختبار رقم {step} عن القمة",
                "body": f"<h2>عنوان فرعي {step}</h2><p>الفقرة {step}: {secrets.token_hex(8)}</p>",
                "status": Article.Status.DRAFT
                if action == "unpublish"
                else Article.Status.PUBLISHED,
            }
            for attempt in range(600):  # the database may be restarting: try again
                try:
                    if action == "create":
                        story = Article(
                            summary="ملخص الخبر.",
                            main_image=photo,
                            category=sections[step % len(sections)],
                            **wanted,
                        )
                        story.save()
                        story_id = story.pk
                        mine.append(story_id)
                    else:
                        story = Article.objects.get(pk=story_id)
                        for field, value in wanted.items():
                            setattr(story, field, value)
                        story.save()
                    break
                except Exception:  # any database error while it restarts: try again
                    close_old_connections()
                    connection.close()
                    if story_id and _already_saved(story_id, wanted):
                        break  # the commit went through before the connection dropped
                    if attempt == 599:
                        raise
                    time.sleep(0.1)
            stored = Article.objects.get(pk=story_id)
            log.write(
                json.dumps(
                    {
                        "id": story_id,
                        "title": stored.title,
                        "status": stored.status,
                        "body": digest(stored.body),
                        "at": time.time(),
                    }
                )
                + "\n"
            )
            log.flush()
            time.sleep(0.05)


def _already_saved(story_id, wanted):
    from articles.models import Article

    try:
        story = Article.objects.get(pk=story_id)
    except Exception:  # noqa: BLE001
        return False
    return story.title == wanted["title"] and story.status == wanted["status"]


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def check_articles(env, log_path):
    """(written, missing or different) for the writer's log against the database."""
    final = {}
    for line in log_path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        final[entry["id"]] = entry
    script = (
        "import json, sys, hashlib, django; django.setup()\n"
        "from articles.models import Article\n"
        "ids = json.loads(sys.stdin.read())\n"
        "rows = {a.pk: {'title': a.title, 'status': a.status,"
        " 'body': hashlib.sha256(a.body.encode()).hexdigest()}"
        " for a in Article.objects.filter(pk__in=ids)}\n"
        "print(json.dumps(rows))\n"
    )
    result = subprocess.run(
        [PYTHON, "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        input=json.dumps(list(final)),
        capture_output=True,
        text=True,
    )
    stored = {int(k): v for k, v in json.loads(result.stdout.strip().splitlines()[-1]).items()}
    bad = [
        story_id
        for story_id, entry in final.items()
        if stored.get(story_id)
        != {"title": entry["title"], "status": entry["status"], "body": entry["body"]}
    ]
    return len(final), bad


if __name__ == "__main__":
    write(Path(sys.argv[1]), float(sys.argv[2]))
