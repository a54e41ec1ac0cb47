from django.urls import path

from opvangregie.placement import proposal_views

app_name = "placement"
urlpatterns = [
    path("gemeente/<str:code>/plaatsing/", proposal_views.municipality_placement, name="placement"),
    path("regio/<slug:slug>/plaatsing/", proposal_views.region_placement, name="region-placement"),
    path("plaatsing/voorstel/<int:pk>/", proposal_views.proposal, name="proposal"),
    path("plaatsing/voorstel/<int:pk>/bevestigen/", proposal_views.proposal_confirm, name="proposal-confirm"),
]
