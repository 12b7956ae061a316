"""The rights helpers added for the page shell: administration, reference data, invitations, agencies."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from tongket.accounts import rights
from tongket.reviews.models import Participant, Role


def test_only_administrators_manage_accounts(world):
    assert rights.can_manage_accounts(world.admin)
    for name in ("secretariat", "committee", "focal_a", "viewer", "outsider"):
        assert not rights.can_manage_accounts(world.persona(name)), name
    assert not rights.can_manage_accounts(AnonymousUser())


def test_a_disabled_administrator_is_no_administrator(world):
    world.admin.is_active = False
    assert not rights.is_admin(world.admin)


def test_reference_data_is_for_every_signed_in_person_only(world):
    assert rights.can_view_reference_data(world.outsider)
    assert not rights.can_view_reference_data(AnonymousUser())


def test_only_the_secretariat_invites(world):
    assert rights.can_invite(world.secretariat, world.review)
    assert rights.can_invite(world.admin, world.review)
    for name in ("committee", "focal_a", "viewer", "outsider"):
        assert not rights.can_invite(world.persona(name), world.review), name


def test_a_persons_agencies_include_those_they_act_for_in_reviews(world):
    assert rights.agency_ids_of(world.focal_a) == {world.agency_a.pk}
    Participant.objects.filter(user=world.viewer).update(
        role=Role.FOCAL_POINT, agency=world.agency_c
    )
    assert rights.agency_ids_of(world.viewer) == {world.agency_c.pk}
    assert rights.agency_ids_of(AnonymousUser()) == set()
