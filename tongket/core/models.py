"""Abstract bases shared by the domain apps."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    """Creation and last-change times."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        abstract = True


class Searchable(models.Model):
    """A lower-case, diacritics-free copy of the name so that "hai phong" finds "Hải Phòng"."""

    search_text = models.CharField(max_length=600, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from tongket.core.text import fold

        self.search_text = fold(" ".join(p for p in self.searchable_parts() if p))[:600]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def searchable_parts(self) -> list[str]:
        """The texts a search should match; subclasses name theirs."""
        raise NotImplementedError
