from django.urls import path

from opvangregie.quotas import views

app_name = "quotas"
urlpatterns = [
    path("gemeente/<str:code>/statushouders/", views.municipality_quota, name="municipality"),
    path("gemeente/<str:code>/statushouders/export.xlsx", views.municipality_export, name="municipality-export"),
    path("gemeente/<str:code>/statushouders/import/", views.realisations_import, name="import"),
    path("provincie/<str:code>/toezicht/", views.supervision, name="supervision"),
    path("provincie/<str:code>/toezicht/brief/<str:municipality_code>.docx", views.supervision_letter, name="letter"),
    path("provincie/<str:code>/toezicht/brieven.zip", views.supervision_letters, name="letters"),
    path("provincie/<str:code>/toezicht/verzonden/<str:municipality_code>/", views.letter_sent, name="letter-sent"),
    path("gemeente/<str:code>/statushouders/reactie/<str:period>/", views.reply, name="reply"),
]
