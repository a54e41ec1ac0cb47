from django.urls import path

from opvangregie.support import views

app_name = "support"
urlpatterns = [
    path("gemeente/<str:code>/programmas/", views.programmes, name="programmes"),
    path("gemeente/<str:code>/programmas/import/", views.figures_import, name="import"),
    path("gemeente/<str:code>/programmas/<int:programme_id>/", views.programme, name="programme"),
]
