"""Admin of every reviews model: the review with its participants, committee, plan, outline, meetings,
tasks, policies, activity and notifications."""

from django.contrib import admin

from tongket.reviews import models as m


class ParticipantInline(admin.TabularInline):
    """Who takes part, with which role and agency."""

    model = m.Participant
    extra = 0
    autocomplete_fields = ("user", "agency")


@admin.register(m.Review)
class ReviewAdmin(admin.ModelAdmin):
    """A review and who takes part in it."""

    list_display = ("code", "title", "resolution", "area", "tolerance", "document_format")
    search_fields = ("code", "title", "search_text")
    list_select_related = ("resolution", "area")
    autocomplete_fields = ("resolution", "area")
    inlines = [ParticipantInline]


@admin.register(m.Participant)
class ParticipantAdmin(admin.ModelAdmin):
    """Roles per review."""

    list_display = ("review", "user", "role", "agency")
    list_filter = ("role", "review")
    search_fields = ("user__username", "user__full_name", "review__code", "agency__name")
    list_select_related = ("review", "user", "agency")
    autocomplete_fields = ("review", "user", "agency")


class GroupMemberInline(admin.TabularInline):
    """The members of a committee or group."""

    model = m.GroupMember
    extra = 0
    autocomplete_fields = ("agency", "user")


@admin.register(m.Group)
class GroupAdmin(admin.ModelAdmin):
    """The steering committee and its groups."""

    list_display = ("review", "code", "kind", "name")
    list_filter = ("kind",)
    search_fields = ("code", "name", "review__code")
    inlines = [GroupMemberInline]


@admin.register(m.GroupMember)
class GroupMemberAdmin(admin.ModelAdmin):
    """Members one by one."""

    list_display = ("name", "position", "role", "group", "agency")
    list_filter = ("role",)
    search_fields = ("name", "position", "group__name")
    list_select_related = ("group", "agency")
    autocomplete_fields = ("agency", "user")


@admin.register(m.Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    """Plan milestones."""

    list_display = ("review", "code", "title", "owner", "deadline", "status")
    list_filter = ("status", "review")
    search_fields = ("code", "title", "review__code")
    list_select_related = ("review", "owner")
    autocomplete_fields = ("owner",)


@admin.register(m.Section)
class SectionAdmin(admin.ModelAdmin):
    """Outline sections with their agencies."""

    list_display = ("review", "code", "title", "lead_agency", "due", "status")
    list_filter = ("status", "review")
    search_fields = ("code", "title", "review__code")
    list_select_related = ("review", "lead_agency")
    autocomplete_fields = ("lead_agency", "coordinating_agencies")
    raw_id_fields = ("parent",)


@admin.register(m.SectionVersion)
class SectionVersionAdmin(admin.ModelAdmin):
    """Saved drafts."""

    list_display = ("section", "number", "author", "created_at")
    search_fields = ("section__code", "section__title")
    list_select_related = ("section", "author")
    raw_id_fields = ("section", "author")


@admin.register(m.SectionComment)
class SectionCommentAdmin(admin.ModelAdmin):
    """Comments on drafts."""

    list_display = ("section", "kind", "author", "agency", "created_at")
    list_filter = ("kind",)
    search_fields = ("text", "section__code")
    list_select_related = ("section", "author", "agency")
    raw_id_fields = ("section", "version", "author", "agency")


class AttendeeInline(admin.TabularInline):
    """Who attended."""

    model = m.MeetingAttendee
    extra = 0
    raw_id_fields = ("agency", "member")


class AgendaInline(admin.TabularInline):
    """What was discussed."""

    model = m.AgendaItem
    extra = 0
    raw_id_fields = ("section", "data_request")


class ConclusionInline(admin.TabularInline):
    """What was concluded."""

    model = m.Conclusion
    extra = 0


@admin.register(m.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Meetings with attendees, agenda and conclusions."""

    list_display = ("review", "code", "title", "held_at", "place", "chair")
    search_fields = ("code", "title", "review__code", "chair")
    list_select_related = ("review",)
    inlines = [AttendeeInline, AgendaInline, ConclusionInline]


@admin.register(m.MeetingAttendee)
class MeetingAttendeeAdmin(admin.ModelAdmin):
    """Attendees one by one."""

    list_display = ("name", "position", "meeting", "is_guest")
    search_fields = ("name", "position", "meeting__title")
    list_select_related = ("meeting",)
    raw_id_fields = ("meeting", "agency", "member")


@admin.register(m.AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    """Agenda items one by one."""

    list_display = ("title", "meeting", "subject")
    list_filter = ("subject",)
    search_fields = ("title", "meeting__title")
    list_select_related = ("meeting",)
    raw_id_fields = ("meeting", "section", "data_request")


@admin.register(m.Opinion)
class OpinionAdmin(admin.ModelAdmin):
    """What speakers said."""

    list_display = ("speaker", "meeting")
    search_fields = ("speaker", "text")
    list_select_related = ("meeting",)
    raw_id_fields = ("meeting", "agenda_item")


@admin.register(m.Conclusion)
class ConclusionAdmin(admin.ModelAdmin):
    """Conclusions one by one."""

    list_display = ("__str__", "meeting")
    search_fields = ("text", "meeting__title")
    list_select_related = ("meeting",)
    raw_id_fields = ("meeting",)


@admin.register(m.Task)
class TaskAdmin(admin.ModelAdmin):
    """Follow-up tasks."""

    list_display = ("review", "code", "title", "owner", "deadline", "status")
    list_filter = ("status", "review")
    search_fields = ("code", "title", "review__code", "owner__name")
    list_select_related = ("review", "owner")
    raw_id_fields = ("conclusion",)
    autocomplete_fields = ("owner",)


@admin.register(m.Policy)
class PolicyAdmin(admin.ModelAdmin):
    """Policies issued under the resolution."""

    list_display = ("review", "code", "number", "title", "issued", "status")
    list_filter = ("status",)
    search_fields = ("code", "number", "title")
    list_select_related = ("review",)
    raw_id_fields = ("targets",)


@admin.register(m.Activity)
class ActivityAdmin(admin.ModelAdmin):
    """The review's feed (read only)."""

    list_display = ("created_at", "review", "actor", "verb", "summary")
    list_filter = ("verb",)
    search_fields = ("summary", "review__code", "actor__username")
    list_select_related = ("review", "actor")
    raw_id_fields = ("review", "actor")


@admin.register(m.Notification)
class NotificationAdmin(admin.ModelAdmin):
    """In-app notices."""

    list_display = ("created_at", "user", "review", "text", "read_at")
    search_fields = ("text", "user__username")
    list_select_related = ("user", "review")
    raw_id_fields = ("user", "review")


@admin.register(m.ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    """Which reminders went out."""

    list_display = ("item_key", "kind", "day", "sent_at")
    list_filter = ("kind",)
    search_fields = ("item_key",)
