from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    default_site = "khabarayn.admin.NewsroomAdminSite"

    def ready(self):
        super().ready()  # every app's admin module is registered by now
        from .third_party_admins import fit_to_the_newsroom

        fit_to_the_newsroom(self.module.site)
