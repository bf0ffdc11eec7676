"""Storage and file exchange: the saved-scenario library, share links, scenario files, exports and uploads."""
