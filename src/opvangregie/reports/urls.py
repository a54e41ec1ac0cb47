from django.urls import path

from opvangregie.reports import views

app_name = "reports"
urlpatterns = [
    path("gemeente/<str:code>/raadsinformatiebericht/", views.letter_page, name="letter"),
    path("gemeente/<str:code>/raadsinformatiebericht/maken/", views.letter_generate, name="letter-generate"),
    path("gemeente/<str:code>/raadsinformatiebericht/instellingen/", views.letter_settings, name="letter-settings"),
    path("raadsinformatiebericht/document/<int:pk>/", views.letter_document, name="document"),
    path("provincie/<str:code>/overzicht/", views.province_overview, name="province"),
]
