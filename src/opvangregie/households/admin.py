"""Administrators extend the dated rate tables; every change is kept in the history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from opvangregie.households.models import ContributionRate, LeefgeldBand, LeefgeldScale, ReimbursementRate


class LeefgeldBandInline(admin.TabularInline[LeefgeldBand, LeefgeldScale]):
    model = LeefgeldBand
    extra = 1


@admin.register(LeefgeldScale)
class LeefgeldScaleAdmin(SimpleHistoryAdmin):
    list_display = ["valid_from", "personal_per_person", "source"]
    inlines = [LeefgeldBandInline]


@admin.register(ContributionRate)
class ContributionRateAdmin(SimpleHistoryAdmin):
    list_display = [
        "valid_from",
        "per_adult",
        "catering_per_adult",
        "max_adults_charged",
        "norm_factor",
        "between_thresholds",
    ]


@admin.register(ReimbursementRate)
class ReimbursementRateAdmin(SimpleHistoryAdmin):
    list_display = ["valid_from", "per_place_per_day", "source"]
