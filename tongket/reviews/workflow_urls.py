"""URLs of the review workflow pages, included into tongket/reviews/urls.py (namespace `reviews`).

They sit before the review overview ("<code>/") so that "notifications/" and "my-tasks/" are not read
as review codes.
"""

from __future__ import annotations

from django.urls import path

from tongket.reviews import workflow_views as v

urlpatterns = [
    path("notifications/", v.notifications, name="notifications"),
    path("notifications/read/", v.notifications_read, name="notifications_read"),
    path("my-tasks/", v.my_tasks, name="my_tasks"),
    path("<str:code>/committee/", v.committee, name="committee"),
    path("<str:code>/committee/groups/add/", v.group_add, name="group_add"),
    path(
        "<str:code>/committee/groups/<str:group_code>/members/add/", v.member_add, name="member_add"
    ),
    path(
        "<str:code>/committee/groups/<str:group_code>/members/import/",
        v.member_import,
        name="member_import",
    ),
    path("<str:code>/plan/", v.plan, name="plan"),
    path("<str:code>/plan/add/", v.milestone_add, name="milestone_add"),
    path("<str:code>/plan/<str:milestone_code>/edit/", v.milestone_edit, name="milestone_edit"),
    path("<str:code>/outline/", v.outline, name="outline"),
    path("<str:code>/outline/add/", v.section_add, name="section_add"),
    path("<str:code>/outline/<str:section_code>/move/", v.section_move, name="section_move"),
    path("<str:code>/outline/<str:section_code>/assign/", v.section_assign, name="section_assign"),
    path("<str:code>/sections/<str:section_code>/", v.section_detail, name="section"),
    path("<str:code>/sections/<str:section_code>/edit/", v.section_edit, name="section_edit"),
    path("<str:code>/sections/<str:section_code>/upload/", v.section_upload, name="section_upload"),
    path(
        "<str:code>/sections/<str:section_code>/comment/", v.section_comment, name="section_comment"
    ),
    path("<str:code>/sections/<str:section_code>/submit/", v.section_submit, name="section_submit"),
    path(
        "<str:code>/sections/<str:section_code>/accept/",
        v.section_decide,
        {"decision": "accept"},
        name="section_accept",
    ),
    path(
        "<str:code>/sections/<str:section_code>/return/",
        v.section_decide,
        {"decision": "return"},
        name="section_return",
    ),
    path(
        "<str:code>/sections/<str:section_code>/compare/", v.section_compare, name="section_compare"
    ),
    path(
        "<str:code>/sections/<str:section_code>/versions/<int:number>/",
        v.section_version,
        name="section_version",
    ),
    path("<str:code>/meetings/", v.meetings, name="meetings"),
    path("<str:code>/meetings/add/", v.meeting_add, name="meeting_add"),
    path("<str:code>/meetings/<str:meeting_code>/", v.meeting_detail, name="meeting"),
    path(
        "<str:code>/meetings/<str:meeting_code>/notice.docx",
        v.meeting_notice,
        name="meeting_notice",
    ),
    path(
        "<str:code>/meetings/<str:meeting_code>/attendees/add/",
        v.meeting_part_add,
        {"part": "attendee"},
        name="meeting_attendee_add",
    ),
    path(
        "<str:code>/meetings/<str:meeting_code>/agenda/add/",
        v.meeting_part_add,
        {"part": "agenda"},
        name="meeting_agenda_add",
    ),
    path(
        "<str:code>/meetings/<str:meeting_code>/opinions/add/",
        v.meeting_part_add,
        {"part": "opinion"},
        name="meeting_opinion_add",
    ),
    path(
        "<str:code>/meetings/<str:meeting_code>/conclusions/add/",
        v.meeting_part_add,
        {"part": "conclusion"},
        name="meeting_conclusion_add",
    ),
    path(
        "<str:code>/meetings/<str:meeting_code>/conclusions/<int:conclusion_id>/task/",
        v.conclusion_task,
        name="conclusion_task",
    ),
    path("<str:code>/tasks/", v.tasks, name="tasks"),
    path("<str:code>/tasks/add/", v.task_add, name="task_add"),
    path("<str:code>/tasks/<str:task_code>/done/", v.task_done, name="task_done"),
    path("<str:code>/policies/", v.policies, name="policies"),
    path("<str:code>/policies/add/", v.policy_add, name="policy_add"),
    path("<str:code>/policies/import/", v.policy_import, name="policy_import"),
    path("<str:code>/activity/", v.activity, name="activity"),
]
