"""Extraction: read the quantified targets (chỉ tiêu) a Vietnamese resolution states."""
