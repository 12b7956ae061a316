"""The review of one resolution: who takes part, the committee and groups, plan, outline, meetings,
conclusions, tasks, policies issued under the resolution, activity and notifications."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tongket.core.models import Searchable, TimeStamped


class Review(Searchable, TimeStamped):
    """The review (tổng kết) of one resolution's implementation, and the settings of its report."""

    class DocumentFormat(models.TextChoices):
        PARTY = "party", _("Văn bản của Đảng (HD 36-HD/VPTW)")
        STATE = "state", _("Văn bản hành chính (NĐ 30/2020/NĐ-CP)")

    code = models.CharField(_("mã"), max_length=60, unique=True)
    resolution = models.ForeignKey(
        "resolutions.Resolution",
        verbose_name=_("nghị quyết"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    title = models.CharField(_("tên"), max_length=500)
    area = models.ForeignKey(
        "organizations.Area",
        verbose_name=_("địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
        help_text=_("Để trống: địa bàn của nghị quyết."),
    )
    tolerance = models.FloatField(
        _("ngưỡng cơ bản đạt"),
        default=0.05,
        help_text=_("Tỷ lệ, ví dụ 0,05 = trong 5% dưới mục tiêu."),
    )
    document_format = models.CharField(
        _("thể thức văn bản"),
        max_length=10,
        choices=DocumentFormat.choices,
        default=DocumentFormat.PARTY,
    )
    start_date = models.DateField(_("bắt đầu"), null=True, blank=True)
    end_date = models.DateField(_("kết thúc"), null=True, blank=True)
    # Report settings.
    issuer_parent = models.CharField(_("cơ quan cấp trên"), max_length=200, blank=True)
    issuer = models.CharField(_("cơ quan ban hành báo cáo"), max_length=200, blank=True)
    document_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    document_place = models.CharField(_("địa danh"), max_length=60, blank=True, default="Hà Nội")
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    document_type = models.CharField(_("loại văn bản"), max_length=60, blank=True, default="ĐỀ ÁN")
    document_subject = models.CharField(_("trích yếu"), max_length=500, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    signature_title = models.CharField(_("quyền hạn ký"), max_length=100, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=100, blank=True)
    reminder_days = models.PositiveSmallIntegerField(_("nhắc trước hạn (ngày)"), default=3)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("đợt tổng kết")
        verbose_name_plural = _("đợt tổng kết")

    def __str__(self) -> str:
        return self.title

    def searchable_parts(self) -> list[str]:
        return [self.code, self.title]


class Role(models.TextChoices):
    """What a person may do in one review."""

    SECRETARIAT = "secretariat", _("Thường trực, tổ biên tập")
    COMMITTEE = "committee", _("Thành viên Ban Chỉ đạo")
    FOCAL_POINT = "focal_point", _("Đầu mối cơ quan")
    VIEWER = "viewer", _("Người xem")


class Participant(TimeStamped):
    """A user's role in one review, and the agency they act for there."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )

    class Meta:
        verbose_name = _("người tham gia")
        verbose_name_plural = _("người tham gia")
        constraints = [
            models.UniqueConstraint(fields=["review", "user"], name="participant_once_per_review")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class Group(models.Model):
    """The steering committee or a group under it (working group, drafting group)."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Ban Chỉ đạo")
        WORKING = "working", _("Tổ công tác")
        DRAFTING = "drafting", _("Tổ biên tập")
        OTHER = "other", _("Nhóm khác")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="groups")
    code = models.CharField(_("mã"), max_length=40)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=300)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["review", "order", "id"]
        verbose_name = _("ban, tổ")
        verbose_name_plural = _("ban, tổ")
        constraints = [
            models.UniqueConstraint(fields=["review", "code"], name="group_code_unique_in_review")
        ]

    def __str__(self) -> str:
        return self.name


class GroupMember(models.Model):
    """A person on the committee or a group: position, agency and role (head, deputy, member)."""

    class MemberRole(models.TextChoices):
        HEAD = "head", _("Trưởng ban")
        STANDING_DEPUTY = "standing_deputy", _("Phó Trưởng ban Thường trực")
        DEPUTY = "deputy", _("Phó Trưởng ban")
        LEADER = "leader", _("Tổ trưởng")
        MEMBER = "member", _("Thành viên")
        SECRETARY = "secretary", _("Thư ký")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("họ và tên"), max_length=200)
    position = models.CharField(_("chức vụ"), max_length=400, blank=True)
    agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    role = models.CharField(
        _("vai trò"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["group", "order", "id"]
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")

    def __str__(self) -> str:
        return self.name


class Milestone(TimeStamped):
    """A step of the plan (Kế hoạch): what, which agency owns it, from when, by when, how far."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Chưa bắt đầu")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Hoàn thành")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="milestones")
    code = models.CharField(_("mã"), max_length=40)
    title = models.CharField(_("nội dung"), max_length=500)
    owner = models.ForeignKey(
        "organizations.Agency",
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    start = models.DateField(_("bắt đầu"), null=True, blank=True)
    deadline = models.DateField(_("hạn"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    evidence = models.CharField(_("văn bản, sản phẩm"), max_length=500, blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["review", "order", "deadline"]
        verbose_name = _("mốc kế hoạch")
        verbose_name_plural = _("mốc kế hoạch")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "code"], name="milestone_code_unique_in_review"
            ),
            models.CheckConstraint(
                condition=models.Q(start__isnull=True) | models.Q(deadline__gte=models.F("start")),
                name="milestone_deadline_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Section(TimeStamped):
    """A section of the scheme's outline (Đề cương): a tree, each led by an agency, with a due date."""

    class Generated(models.TextChoices):
        NONE = "", _("Không")
        ASSESSMENT_TABLE = "assessment_table", _("Bảng đánh giá chỉ tiêu")
        CHARTS = "charts", _("Biểu đồ")
        POLICIES = "policies", _("Danh mục cơ chế, chính sách")
        APPENDIX = "appendix", _("Phụ lục số liệu")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa soạn")
        DRAFTING = "drafting", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã gửi")
        ACCEPTED = "accepted", _("Đã tiếp nhận")
        RETURNED = "returned", _("Trả lại")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("mã"), max_length=40)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tiêu đề"), max_length=500)
    guidance = models.TextField(_("yêu cầu nội dung"), blank=True)
    lead_agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_sections",
    )
    coordinating_agencies = models.ManyToManyField(
        "organizations.Agency",
        verbose_name=_("cơ quan phối hợp"),
        blank=True,
        related_name="coordinated_sections",
    )
    due = models.DateField(_("hạn"), null=True, blank=True)
    generated = models.CharField(
        _("phần tự động"),
        max_length=20,
        choices=Generated.choices,
        default=Generated.NONE,
        blank=True,
    )
    chart_indicators = models.ManyToManyField("resolutions.Indicator", blank=True, related_name="+")
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )

    class Meta:
        ordering = ["review", "parent_id", "order", "id"]
        verbose_name = _("mục đề cương")
        verbose_name_plural = _("mục đề cương")
        constraints = [
            models.UniqueConstraint(fields=["review", "code"], name="section_code_unique_in_review")
        ]

    def __str__(self) -> str:
        return self.title


class SectionVersion(models.Model):
    """One saved draft of a section, as sanitised HTML (every save is a version)."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    html = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["section", "-number"]
        verbose_name = _("phiên bản dự thảo")
        verbose_name_plural = _("phiên bản dự thảo")
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="section_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.section_id} v{self.number}"


class SectionComment(models.Model):
    """A comment on a section draft, or the secretariat's reason for accepting or returning it."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Góp ý")
        SUBMIT = "submit", _("Gửi")
        ACCEPT = "accept", _("Tiếp nhận")
        RETURN = "return", _("Trả lại")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="comments")
    version = models.ForeignKey(SectionVersion, null=True, blank=True, on_delete=models.SET_NULL)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    agency = models.ForeignKey(
        "organizations.Agency", null=True, blank=True, on_delete=models.SET_NULL
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["section", "created_at", "id"]
        verbose_name = _("góp ý")
        verbose_name_plural = _("góp ý")

    def __str__(self) -> str:
        return self.text[:50]


class Meeting(TimeStamped):
    """A meeting of the committee: when, where, who chaired, who attended, agenda, opinions, conclusions."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="meetings")
    code = models.CharField(_("mã"), max_length=40)
    title = models.CharField(_("tên"), max_length=500)
    held_at = models.DateTimeField(_("thời gian"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    chair = models.CharField(_("chủ trì"), max_length=200, blank=True)
    chair_position = models.CharField(_("chức vụ chủ trì"), max_length=500, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    notice_number = models.CharField(_("số thông báo kết luận"), max_length=60, blank=True)

    class Meta:
        ordering = ["review", "-held_at"]
        verbose_name = _("phiên họp")
        verbose_name_plural = _("phiên họp")
        constraints = [
            models.UniqueConstraint(fields=["review", "code"], name="meeting_code_unique_in_review")
        ]

    def __str__(self) -> str:
        return self.title


class MeetingAttendee(models.Model):
    """Someone at a meeting: a committee member or a guest, with position and agency."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(_("họ và tên"), max_length=200)
    position = models.CharField(_("chức vụ"), max_length=400, blank=True)
    agency = models.ForeignKey(
        "organizations.Agency", null=True, blank=True, on_delete=models.PROTECT
    )
    member = models.ForeignKey(GroupMember, null=True, blank=True, on_delete=models.SET_NULL)
    is_guest = models.BooleanField(_("khách mời"), default=False)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("người dự họp")
        verbose_name_plural = _("người dự họp")

    def __str__(self) -> str:
        return self.name


class AgendaItem(models.Model):
    """An item discussed at a meeting, linked to what it discusses."""

    class Subject(models.TextChoices):
        PLAN = "plan", _("Kế hoạch")
        OUTLINE = "outline", _("Đề cương")
        ASSIGNMENT = "assignment", _("Phân công")
        SECTION = "section", _("Mục đề cương")
        DATA_REQUEST = "data_request", _("Yêu cầu số liệu")
        OTHER = "other", _("Khác")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(_("nội dung"), max_length=500)
    subject = models.CharField(
        _("về"), max_length=15, choices=Subject.choices, default=Subject.OTHER
    )
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL)
    data_request = models.ForeignKey(
        "figures.DataRequest", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("nội dung họp")
        verbose_name_plural = _("nội dung họp")

    def __str__(self) -> str:
        return self.title


class Opinion(models.Model):
    """What a speaker said at a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="opinions")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL)
    speaker = models.CharField(_("người phát biểu"), max_length=200)
    position = models.CharField(_("chức vụ"), max_length=400, blank=True)
    text = models.TextField(_("ý kiến"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("ý kiến")
        verbose_name_plural = _("ý kiến")

    def __str__(self) -> str:
        return f"{self.speaker}: {self.text[:40]}"


class Conclusion(models.Model):
    """A conclusion of a meeting; it may become follow-up tasks."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="conclusions")
    order = models.PositiveIntegerField(default=0)
    text = models.TextField(_("kết luận"))

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("kết luận")
        verbose_name_plural = _("kết luận")

    def __str__(self) -> str:
        return self.text[:60]


class Task(TimeStamped):
    """A follow-up task owned by an agency, with a deadline; often from a meeting's conclusion."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang thực hiện")
        DONE = "done", _("Hoàn thành")
        CANCELLED = "cancelled", _("Hủy")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(_("mã"), max_length=40)
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    description = models.TextField(_("mô tả"), blank=True)
    conclusion = models.ForeignKey(
        Conclusion, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    owner = models.ForeignKey(
        "organizations.Agency",
        verbose_name=_("cơ quan thực hiện"),
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    deadline = models.DateField(_("hạn"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        ordering = ["review", "deadline", "id"]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        constraints = [
            models.UniqueConstraint(fields=["review", "code"], name="task_code_unique_in_review")
        ]
        indexes = [models.Index(fields=["owner", "status", "deadline"], name="task_owner_idx")]

    def __str__(self) -> str:
        return self.title


class Policy(TimeStamped):
    """A mechanism or policy (cơ chế, chính sách) issued under the resolution, and the targets it serves."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Đã ban hành")
        IN_FORCE = "in_force", _("Đang có hiệu lực")
        EXPIRED = "expired", _("Hết hiệu lực")
        REPLACED = "replaced", _("Đã được thay thế")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="policies")
    code = models.CharField(_("mã"), max_length=40)
    number = models.CharField(_("số hiệu"), max_length=100)
    issued = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.IN_FORCE
    )
    targets = models.ManyToManyField("resolutions.Target", blank=True, related_name="policies")
    assessment_note = models.TextField(_("đánh giá"), blank=True)

    class Meta:
        ordering = ["review", "issued", "id"]
        verbose_name = _("cơ chế, chính sách")
        verbose_name_plural = _("cơ chế, chính sách")
        constraints = [
            models.UniqueConstraint(fields=["review", "code"], name="policy_code_unique_in_review")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Activity(models.Model):
    """One line of a review's feed: who did what to what, when."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="activities")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    verb = models.CharField(max_length=40)
    summary = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")

    def __str__(self) -> str:
        return self.summary


class Notification(models.Model):
    """An in-app notice to one user (a reminder, a returned draft); read or not."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    review = models.ForeignKey(Review, null=True, blank=True, on_delete=models.CASCADE)
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")

    def __str__(self) -> str:
        return self.text


class ReminderLog(models.Model):
    """That a reminder of one kind for one item went out on one day: makes reminders idempotent."""

    item_key = models.CharField(
        max_length=80
    )  # e.g. "task:12", "milestone:3", "section:5", "request:7"
    kind = models.CharField(max_length=20)  # before, due, overdue
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item_key", "kind", "day"], name="reminder_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.item_key} {self.kind} {self.day}"
