from django.urls import path

from opvangregie.sites import vacancy_views, views

app_name = "sites"
urlpatterns = [
    path("gemeente/<str:code>/kandidaatlocaties/", views.municipality_sites, name="municipality"),
    path("kandidaatlocatie/<int:site_id>/", views.site_detail, name="site"),
    path("beperkingenlagen/", views.layers, name="layers"),
    path("beperkingenlagen/uploaden/", views.layer_upload, name="layer-upload"),
    path("gemeente/<str:code>/leegstand/", vacancy_views.vacant_buildings, name="vacant"),
    path("gemeente/<str:code>/leegstand/inlezen/", vacancy_views.vacant_import, name="vacant-import"),
    path(
        "gemeente/<str:code>/leegstand/<str:identification>/kandidaatlocatie/",
        vacancy_views.vacant_site,
        name="vacant-site",
    ),
]
