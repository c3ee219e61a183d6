"""Flower's side of the fleet benchmark's same-run comparison."""
