from tongket.accounts import rights


def test_the_personas_have_the_rights_their_roles_give(world):
    assert rights.can_manage_review(world.secretariat, world.review)
    assert not rights.can_manage_review(world.committee, world.review)
    assert rights.can_reopen_figures(world.committee, world.review)
    assert not rights.can_reopen_figures(world.secretariat, world.review)
    assert rights.can_write_agency_figures(world.focal_a, world.review, world.agency_a)
    assert not rights.can_write_agency_figures(world.focal_a, world.review, world.agency_b)
    assert rights.can_edit_section(world.focal_a, world.section_a)
    assert not rights.can_edit_section(world.focal_c, world.section_a)
    assert rights.can_comment_section(world.focal_c, world.section_a)
    assert not rights.can_comment_section(world.focal_b, world.section_a)
    assert rights.can_view_review(world.viewer, world.review)
    assert not rights.can_view_review(world.outsider, world.review)
    assert list(rights.visible_reviews(world.outsider)) == []


def test_only_the_secretariat_and_the_owner_agency_complete_a_task(world):
    import datetime as dt

    from tongket.reviews.models import Task

    task = Task.objects.create(
        review=world.review,
        code="NV1",
        title="Tập hợp số liệu",
        owner=world.agency_a,
        deadline=dt.date(2018, 5, 31),
    )
    assert rights.can_complete_task(world.secretariat, task)
    assert rights.can_complete_task(world.focal_a, task)
    for persona in (world.focal_b, world.committee, world.viewer, world.outsider):
        assert not rights.can_complete_task(persona, task)


def test_a_focal_point_sees_only_its_own_agencys_requests(world):
    import datetime as dt

    from tongket.figures.models import DataRequest

    for agency in (world.agency_a, world.agency_b):
        DataRequest.objects.create(
            review=world.review,
            code=agency.code,
            agency=agency,
            title="Số liệu",
            deadline=dt.date(2018, 5, 31),
        )
    requests = DataRequest.objects.filter(review=world.review)
    assert {r.agency for r in rights.visible_requests(world.focal_a, world.review, requests)} == {
        world.agency_a
    }
    assert rights.visible_requests(world.secretariat, world.review, requests).count() == 2
    assert rights.sees_agency_work(world.focal_a, world.review, world.agency_a.pk)
    assert not rights.sees_agency_work(world.focal_a, world.review, world.agency_b.pk)
    assert rights.sees_agency_work(world.viewer, world.review, world.agency_b.pk)
