"""The 2020 follow-up letters (công văn đôn đốc) to each province after the directive on foreign-information plans.

Its shared data (`model.FollowUp`) and rows (`model.ProvinceStatus`, `rows`), the context of
each letter (`context`), its wording (`wording`, from data), numbering from the register
(`numbering`), and the campaign object `run.FollowUpCampaign` (with `render_batch`, its keyword
form), which renders them through the generic pipeline with a manifest, a combined file and PDFs.
"""

from congvan.campaigns.followup.manifest import LetterResult, manifest_rows
from congvan.campaigns.followup.model import FollowUp, ProvinceStatus
from congvan.campaigns.followup.rows import validate_rows
from congvan.campaigns.followup.run import BatchResult, FollowUpCampaign, Outputs, render_batch

__all__ = [
    "BatchResult",
    "FollowUp",
    "FollowUpCampaign",
    "LetterResult",
    "Outputs",
    "ProvinceStatus",
    "manifest_rows",
    "render_batch",
    "validate_rows",
]
