from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Newsroom")

    def ready(self):
        from django.contrib.auth import get_user_model

        from khabarayn.text import strip_control_characters_on_save

        # Bylines show users' names in the feeds too.
        strip_control_characters_on_save(*self.get_models(), get_user_model())
