"""Administrators configure a province's own intervention ladder; every change is kept in the history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from opvangregie.quotas.models import InterventionStage


@admin.register(InterventionStage)
class InterventionStageAdmin(SimpleHistoryAdmin):
    list_display = ["province", "number", "name", "periods_behind"]
    list_filter = ["province"]
