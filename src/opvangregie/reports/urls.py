from django.urls import path

from opvangregie.reports import views

app_name = "reports"
urlpatterns = [
    path("gemeente/<str:code>/raadsinformatiebericht/", views.letter_page, name="letter"),
    path("gemeente/<str:code>/raadsinformatiebericht.docx", views.letter_docx, name="letter-docx"),
]
