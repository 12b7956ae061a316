"""`tongket demo`: load the demo review (Resolution 32-NQ/TW on Hải Phòng, and Resolution 45-NQ/TW) and
its accounts. Idempotent: a second run changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tongket.accounts.models import User
from tongket.assessment.models import ManualVerdict
from tongket.assessment.services import set_manual_verdict
from tongket.bundle.services import import_bundle
from tongket.organizations.models import Agency
from tongket.resolutions.models import Target
from tongket.reviews.models import Participant, Review, Role

DATA = Path(__file__).resolve().parents[3] / "bundle" / "data"
BUNDLES = ["demo-32-NQ-TW.json", "demo-45-NQ-TW.json"]
REVIEW = "tk-32-2018"

# username, password, full name, role in the demo review (None: no role), agency code, superuser
ACCOUNTS = [
    ("admin", "admin-tongket-2018", "Quản trị hệ thống", None, None, True),
    (
        "thuongtruc",
        "thuongtruc-2018",
        "Thường trực Ban Chỉ đạo (demo)",
        Role.SECRETARIAT,
        "BKTTW",
        False,
    ),
    ("uyvien", "uyvien-2018", "Thành viên Ban Chỉ đạo (demo)", Role.COMMITTEE, "BKTTW", False),
    (
        "ctk.hp",
        "ctk-hp-2018",
        "Đầu mối Cục Thống kê Hải Phòng (demo)",
        Role.FOCAL_POINT,
        "CTK-HP",
        False,
    ),
    (
        "skhdt.hp",
        "skhdt-hp-2018",
        "Đầu mối Sở KH&ĐT Hải Phòng (demo)",
        Role.FOCAL_POINT,
        "SKHDT-HP",
        False,
    ),
    ("tu.hp", "tu-hp-2018", "Đầu mối Thành ủy Hải Phòng (demo)", Role.FOCAL_POINT, "TU-HP", False),
    (
        "ubnd.hp",
        "ubnd-hp-2018",
        "Đầu mối UBND thành phố Hải Phòng (demo)",
        Role.FOCAL_POINT,
        "UBND-HP",
        False,
    ),
    ("xem", "xem-2018", "Người xem (demo)", Role.VIEWER, None, False),
    ("ngoai", "ngoai-2018", "Người ngoài đợt tổng kết (demo)", None, None, False),
]


class Command(BaseCommand):
    """Load the demo review and print its accounts."""

    help = "Nạp dữ liệu demo (tổng kết Nghị quyết 32-NQ/TW về Hải Phòng) và in các tài khoản demo."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Không in danh sách tài khoản")

    def handle(self, *args, **options):
        for name in BUNDLES:
            path = DATA / name
            result = import_bundle(
                json.loads(path.read_text(encoding="utf-8")), source=f"bundle:{name}"
            )
            if not result.ok:
                raise CommandError(
                    f"Không nạp được {name}: " + "; ".join(str(e) for e in result.errors[:5]),
                    returncode=1,
                )
        with transaction.atomic():
            self.load_accounts()
        if not options["quiet"]:
            self.stdout.write(
                "Dữ liệu demo đã sẵn sàng: đợt tổng kết 'tk-32-2018' (Nghị quyết 32-NQ/TW)."
            )
            self.stdout.write(
                "Số liệu và chỉ tiêu đánh dấu 'minh họa' không phải số liệu công bố chính thức."
            )
            self.stdout.write("Tài khoản demo (tên đăng nhập / mật khẩu / vai trò):")
            for username, password, _full_name, role, agency, _ in ACCOUNTS:
                label = (
                    Role(role).label
                    if role
                    else ("quản trị" if username == "admin" else "không có vai trò")
                )
                self.stdout.write(
                    f"  {username:<11} {password:<20} {label}{' — ' + agency if agency else ''}"
                )

    def load_accounts(self) -> None:
        review = Review.objects.get(code=REVIEW)
        agencies = {
            a.code: a for a in Agency.objects.filter(code__in={a[4] for a in ACCOUNTS if a[4]})
        }
        existing = {
            u.username: u for u in User.objects.filter(username__in=[a[0] for a in ACCOUNTS])
        }
        for username, password, full_name, role, agency_code, superuser in ACCOUNTS:
            user = existing.get(username)
            if user is None:
                user = User(
                    username=username,
                    full_name=full_name,
                    email=f"{username}@demo.tongket.vn",
                    agency=agencies.get(agency_code),
                    is_superuser=superuser,
                    is_staff=superuser,
                )
                user.set_password(password)
                user.save()
            if role:
                Participant.objects.get_or_create(
                    review=review,
                    user=user,
                    defaults={"role": role, "agency": agencies.get(agency_code)},
                )
        qualitative = Target.objects.get(resolution=review.resolution, code="T8")
        if not ManualVerdict.objects.filter(review=review, target=qualitative).exists():
            set_manual_verdict(
                review,
                qualitative,
                "basically_achieved",
                "Đánh giá minh họa của Ban Chỉ đạo: chỉ tiêu định tính, không có số liệu để tính.",
                User.objects.get(username="uyvien"),
            )
