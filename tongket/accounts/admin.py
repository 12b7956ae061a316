"""Admin of people, API tokens and invitations; deactivation goes through the same service as the page."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from tongket.accounts import services
from tongket.accounts.models import ApiToken, Invitation, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People, with their agency; deactivating ends their sessions and revokes their tokens."""

    list_display = (
        "username",
        "full_name",
        "email",
        "agency",
        "is_active",
        "is_staff",
        "last_login",
    )
    list_filter = ("is_active", "is_staff", "is_superuser", "agency")
    search_fields = ("username", "full_name", "email", "agency__name")
    list_select_related = ("agency",)
    autocomplete_fields = ("agency",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Tongket"), {"fields": ("full_name", "position", "agency")}),
    )
    actions = ["deactivate"]

    @admin.action(description=_("Khóa tài khoản (kết thúc mọi phiên đăng nhập)"))
    def deactivate(self, request, queryset):
        """Disable the chosen accounts through the same service as the people page."""
        count = 0
        for user in queryset.exclude(pk=request.user.pk):
            services.deactivate_user(user, by=request.user)
            count += 1
        self.message_user(request, _("Đã khóa %(n)s tài khoản.") % {"n": count}, messages.SUCCESS)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made on the owner's page (the key is shown once); here they are only seen and revoked."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__username")
    list_select_related = ("user",)
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        """A token's key must reach its owner: they make it on their own page."""
        return False

    @admin.action(description=_("Thu hồi mã"))
    def revoke(self, request, queryset):
        """Revoke the chosen tokens."""
        for token in queryset:
            services.revoke_token(token)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent from the review's invitation page (the link is e-mailed); seen here."""

    list_display = (
        "email",
        "review",
        "role",
        "agency",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
    )
    list_filter = ("role", "review")
    search_fields = ("email", "review__code")
    list_select_related = ("review", "agency", "invited_by")
    readonly_fields = (
        "email",
        "review",
        "role",
        "agency",
        "invited_by",
        "created_at",
        "accepted_at",
        "accepted_user",
    )

    def has_add_permission(self, request) -> bool:
        """The secret link exists only in the e-mail the invitation page sends."""
        return False
