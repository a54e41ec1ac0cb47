from django.urls import path

from opvangregie.communication import views

app_name = "communication"
urlpatterns = [
    path("gemeente/<str:code>/communicatie/", views.municipality_log, name="municipality"),
]
