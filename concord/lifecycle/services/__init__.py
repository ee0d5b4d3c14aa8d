"""Writes of the lifecycle app: due diligence (diligence.py), Kraljic segmentation and the
relationship type (segmentation.py), the life cycle and the exit plan (stages.py)."""
