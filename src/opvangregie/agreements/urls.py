from django.urls import path

from opvangregie.agreements import views

app_name = "agreements"
urlpatterns = [
    path("locatie/<int:location_id>/afspraken/", views.location_agreements, name="location"),
    path("gemeente/<str:code>/afspraken/", views.municipality_agreements, name="municipality"),
]
