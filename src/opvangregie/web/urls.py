from django.urls import path

from opvangregie.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("gemeente/<str:code>/", views.municipality_dashboard, name="municipality"),
    path("gemeente/<str:code>/telling/", views.municipality_snapshot, name="municipality-snapshot"),
    path("gemeente/<str:code>/export.xlsx", views.municipality_export, name="municipality-export"),
    path("regio/<slug:slug>/", views.region_overview, name="region"),
    path("provincie/<str:code>/", views.province_overview, name="province"),
]
