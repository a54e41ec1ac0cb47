from django.urls import path

from opvangregie.sites import views

app_name = "sites"
urlpatterns = [
    path("gemeente/<str:code>/kandidaatlocaties/", views.municipality_sites, name="municipality"),
    path("kandidaatlocatie/<int:site_id>/", views.site_detail, name="site"),
    path("beperkingenlagen/", views.layers, name="layers"),
    path("beperkingenlagen/uploaden/", views.layer_upload, name="layer-upload"),
]
