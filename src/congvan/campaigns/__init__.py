"""Campaigns: a family of letters with its own row model, context, wording and templates, run by the pipeline.

`congvan.campaigns.followup` is the 2020 follow-up to the provinces (công văn đôn đốc).
"""
