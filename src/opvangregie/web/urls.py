from django.urls import path

from opvangregie.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("gemeente/<str:code>/", views.municipality_dashboard, name="municipality"),
    path("gemeente/<str:code>/telling/", views.municipality_snapshot, name="municipality-snapshot"),
    path("gemeente/<str:code>/export.xlsx", views.municipality_export, name="municipality-export"),
    path("gemeente/<str:code>/import/", views.municipality_import, name="municipality-import"),
    path("gemeente/<str:code>/locatie/nieuw/", views.location_new, name="location-new"),
    path("locatie/<int:location_id>/", views.location_detail, name="location"),
    path("locatie/<int:location_id>/bewerken/", views.location_edit, name="location-edit"),
    path("locatie/<int:location_id>/<str:action>/", views.location_action, name="location-action"),
    path("regio/<slug:slug>/", views.region_overview, name="region"),
    path("provincie/<str:code>/", views.province_overview, name="province"),
]
