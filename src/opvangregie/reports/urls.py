from django.urls import path

from opvangregie.reports import agenda_views, attachment_views, forward_views, map_views, views

app_name = "reports"
urlpatterns = [
    path("gemeente/<str:code>/raadsinformatiebericht/", views.letter_page, name="letter"),
    path("gemeente/<str:code>/raadsinformatiebericht/maken/", views.letter_generate, name="letter-generate"),
    path("gemeente/<str:code>/raadsinformatiebericht/instellingen/", views.letter_settings, name="letter-settings"),
    path("raadsinformatiebericht/document/<int:pk>/", views.letter_document, name="document"),
    path(
        "gemeente/<str:code>/raadsinformatiebericht/bijlagen/",
        attachment_views.attachment_add,
        name="letter-attachments",
    ),
    path(
        "gemeente/<str:code>/raadsinformatiebericht/bijlagen/<int:pk>/",
        attachment_views.attachment_file,
        name="letter-attachment",
    ),
    path("provincie/<str:code>/overzicht/", views.province_overview, name="province"),
    path("gemeente/<str:code>/verwachting/", forward_views.municipality_forward, name="forward-municipality"),
    path("regio/<slug:slug>/verwachting/", forward_views.region_forward, name="forward-region"),
    path("provincie/<str:code>/verwachting/", forward_views.province_forward, name="forward-province"),
    path("gemeente/<str:code>/agenda/", agenda_views.municipality_agenda, name="agenda-municipality"),
    path("regio/<slug:slug>/agenda/", agenda_views.region_agenda, name="agenda-region"),
    path("provincie/<str:code>/agenda/", agenda_views.province_agenda, name="agenda-province"),
    path("gemeente/<str:code>/kaart/", map_views.municipality_map, name="map-municipality"),
    path("agenda/abonnement/<str:token>.ics", agenda_views.agenda_feed, name="agenda-feed"),
]
