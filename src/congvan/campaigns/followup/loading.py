"""The follow-up's shared data and the directive it follows up, read from their YAML files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from congvan.campaigns.followup.model import FollowUp
from congvan.documents.letter import load
from congvan.loading import load_model


def load_shared(
    letter: str | os.PathLike[str] | FollowUp, directive: str | os.PathLike[str] | None
) -> tuple[FollowUp, Any]:
    """The shared data of the letters and the directive they follow up (by default the one it names)."""
    follow_up = letter if isinstance(letter, FollowUp) else load_model(FollowUp, letter)
    return follow_up, load(directive_path(letter, follow_up, directive))


def directive_path(
    letter: str | os.PathLike[str] | FollowUp, follow_up: FollowUp, directive: str | os.PathLike[str] | None
) -> Path:
    """Where the directive's data is: ``directive``, else the path the shared data names (beside it)."""
    if directive:
        return Path(directive)
    base = Path.cwd() if isinstance(letter, FollowUp) else Path(letter).parent
    return base / follow_up.directive.data
