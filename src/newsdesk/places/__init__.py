"""Places (Regions) and the places each Article is tagged with."""
