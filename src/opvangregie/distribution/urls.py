from django.urls import path

from opvangregie.distribution import views

app_name = "distribution"
urlpatterns = [
    path("spreiding/", views.runs, name="runs"),
    path("spreiding/berekening/<int:run_id>/", views.run_detail, name="run"),
    path("spreiding/vergelijken/", views.compare, name="compare"),
    path("spreiding/plan/<int:plan_id>/", views.plan_detail, name="plan"),
]
