"""One Textual Screen per phase of the 3-S cycle, plus the modals they open."""
