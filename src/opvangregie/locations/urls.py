from django.urls import path

from opvangregie.locations import views

app_name = "locations"
urlpatterns = [
    path("gemeente/<str:code>/import/", views.municipality_import, name="municipality-import"),
    path("tellingen/import/<int:import_id>/", views.count_import, name="count-import"),
    path("gemeente/<str:code>/capaciteit/import/", views.capacity_import_page, name="capacity-import"),
    path("gemeente/<str:code>/locatie/nieuw/", views.location_new, name="location-new"),
    path("locatie/nieuw/", views.location_new_choose, name="location-new-choose"),
    path("locatie/<int:location_id>/", views.location_detail, name="location"),
    path("locatie/<int:location_id>/bewerken/", views.location_edit, name="location-edit"),
    path("locatie/<int:location_id>/<str:action>/", views.location_action, name="location-action"),
]
