from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from opvangregie.areas.models import Municipality, MunicipalityYear, Province, Region, SafetyRegion


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin[Province]):
    list_display = ["code", "name"]


@admin.register(SafetyRegion)
class SafetyRegionAdmin(admin.ModelAdmin[SafetyRegion]):
    list_display = ["code", "name", "province"]
    list_filter = ["province"]


class MunicipalityYearInline(admin.TabularInline[MunicipalityYear, Municipality]):
    model = MunicipalityYear
    fk_name = "municipality"
    extra = 0
    readonly_fields = ["reference_year", "name", "province", "safety_region", "population", "population_date"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin[Municipality]):
    list_display = ["code", "name", "province", "safety_region"]
    list_filter = ["province", "safety_region"]
    search_fields = ["code", "name"]
    inlines = [MunicipalityYearInline]


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["members"]
    search_fields = ["name"]
