"""Placement of waiting households into rooms: the optimiser, its baselines and the usable-places report."""
