"""Checking templates and documents: lint, the ND30 check, text snapshots and the pytest plugin.

Each reads .docx files and reports; none renders for production.
"""
