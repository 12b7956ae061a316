"""Reference lists: areas and agencies, for every signed-in person."""

from tests.authz import SIGNED_IN, Rule

RULES = {
    "organizations:areas": Rule(GET=SIGNED_IN, query="?q=hai+phong"),
    "organizations:agencies": Rule(GET=SIGNED_IN, query="?q=thong+ke"),
}
