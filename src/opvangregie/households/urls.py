from django.urls import path

from opvangregie.households import views

app_name = "households"
urlpatterns = [
    path("gemeente/<str:code>/huishoudens/", views.households, name="households"),
    path("gemeente/<str:code>/huishoudens/nieuw/", views.household_new, name="household-new"),
    path("gemeente/<str:code>/huishoudens/import/", views.households_import, name="import"),
    path("gemeente/<str:code>/huishoudens/inkomens/", views.incomes_import, name="incomes-import"),
    path("gemeente/<str:code>/huishoudens/<str:reference>/", views.household_detail, name="household"),
    path("gemeente/<str:code>/wachtlijst/", views.waiting_list, name="waiting-list"),
    path("gemeente/<str:code>/wachtlijst/<int:pk>/", views.request_detail, name="request"),
    path("gemeente/<str:code>/leefgeld/", views.allowances, name="allowances"),
    path("regio/<slug:slug>/wachtlijst/", views.region_waiting_list, name="region-waiting-list"),
    path("rekenhulp/", views.calculator, name="calculator"),
]
