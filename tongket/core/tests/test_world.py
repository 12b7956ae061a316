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
