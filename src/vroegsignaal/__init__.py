"""Vroegsignaal: vroegsignalering van schulden voor gemeenten."""
