from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CategoriesConfig(AppConfig):
    name = "categories"
    verbose_name = _("Sections")

    def ready(self):
        from khabarayn.text import strip_control_characters_on_save

        strip_control_characters_on_save(*self.get_models())
