from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from opvangregie.api import api

urlpatterns = [
    path("", include("opvangregie.web.urls")),
    path("", include("opvangregie.communication.urls")),
    path("", include("opvangregie.agreements.urls")),
    path("", include("opvangregie.support.urls")),  # before locations: its "locatie/<id>/<action>/" is general
    path("", include("opvangregie.locations.urls")),
    path("", include("opvangregie.quotas.urls")),
    path("", include("opvangregie.distribution.urls")),
    path("", include("opvangregie.households.urls")),
    path("", include("opvangregie.placement.urls")),
    path("", include("opvangregie.reports.urls")),
    path("", include("opvangregie.sites.urls")),
    path("inloggen/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("api/", api.urls),
]
