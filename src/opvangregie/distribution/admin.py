"""Administrators set the counting rules per cycle; every change is kept in the history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from opvangregie.distribution.models import CountingRuleSet


@admin.register(CountingRuleSet)
class CountingRuleSetAdmin(SimpleHistoryAdmin):
    list_display = ["cycle", "min_places", "min_years", "pipeline_months"]
