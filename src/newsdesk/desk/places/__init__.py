"""Places (Regions): tagging articles with the places they name (``tagging``, ``rows``) and the
queries of the region pages, "Local" and the region feeds (``reading``).

Import the submodules themselves: this package stays empty so that story placement can tag
articles without loading the read side (which imports the story queries).
"""
