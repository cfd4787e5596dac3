"""Small English word lists the tagger uses to tell place names from other capitalised words.

All entries are name keys (case-folded, accent-free), as ``tokens.normalise`` makes them.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Lower-case words allowed inside a multi-word name ("Bay of Islands", "Frankfurt am Main").
CONNECTORS = _words(
    """
    of de la le du des del di da do dos das on upon the and am an im sur en y el al los las sous
    bei ob op aan
    """
)

# Capitalised words that start sentences or headlines and never make a place part of a name.
FUNCTION_WORDS = _words(
    """
    the a an in at on from to of for by with and or but as near into across outside inside over
    under after before since during while when where if than then this that these those his her
    their its our my your said says told according both between among around through toward
    towards via against about also even only just not no new yes here there he she they we it i
    you who what why how
    """
)

# Words before a place that do not make it part of a person's or an organisation's name.
PLACE_MODIFIERS = _words(
    """
    north south east west northern southern eastern western central greater downtown upper lower
    inner outer metro metropolitan suburban rural old new northeast northwest southeast
    southwest northeastern northwestern southeastern southwestern mid coastal occupied
    """
)

# Words after a place that keep it a place ("Kharkiv Oblast", "Texas Governor Rick Perry").
PLACE_FOLLOWERS = _words(
    """
    gov sen rep lt gen
    secretary attorney ambassador envoy senator chancellor foreign defense defence guard marines
    national capital troops soldiers
    city county state province region oblast district area metro mayor governor police
    government president prime minister ministers ministry parliament army navy military forces
    troops officials official authorities council senate congress embassy consulate airport
    border coast island islands prosecutors residents citizens voters department office fire
    sheriff and or
    """
)

# Words before a place that make it a preposition's object: a strong sign of a place.
LOCATIVES = _words(
    """
    nach aus bei von vor durch à en dans vers depuis desde hacia hasta para por
    in at from near to outside across throughout around into visiting visited toward towards via
    """
)

# Heads of organisations and titles named after places ("Bank of England", "Duke of York").
ORGANISATION_HEADS = _words(
    """
    bank duke duchess earl prince princess archbishop bishop church diocese house marquess baron
    count university college institute academy school hospital museum cathedral
    """
)

# Words that name dates, which some places share ("March", "Sunday"): never places alone.
DATE_WORDS = _words(
    """
    january february march april may june july august september october november december monday
    tuesday wednesday thursday friday saturday sunday
    """
)

# Prefixes of ships' names ("INS Mysore", "USS Cole").
VESSEL_PREFIXES = frozenset({"ins", "uss", "hms", "hmas", "hmcs", "mv", "ms", "ss", "rms", "pns"})

# Words before a city that make it a sports team ("a win against Detroit").
OPPONENT_WORDS = frozenset(
    ["against", "vs", "versus", "beat", "beats", "beating", "defeated", "defeating", "host"]
)

# Words before an adjective of a country that make it a people elsewhere ("African American").
ETHNIC_PREFIXES = frozenset(["african", "native", "latin", "asian", "arab", "hispanic"])

# Adjectives of countries that are also names of languages, and words that make them languages.
LANGUAGE_ADJECTIVES = frozenset(
    [
        "english",
        "french",
        "spanish",
        "german",
        "italian",
        "portuguese",
        "russian",
        "chinese",
        "japanese",
        "arabic",
        "dutch",
        "greek",
        "turkish",
        "polish",
        "korean",
        "hindi",
        "swedish",
    ]
)
LANGUAGE_NOUNS = frozenset(
    [
        "class",
        "classes",
        "language",
        "languages",
        "lesson",
        "lessons",
        "teacher",
        "teachers",
        "speaking",
        "speaker",
        "speakers",
        "translation",
        "version",
        "subtitles",
        "word",
        "words",
        "literature",
        "grammar",
        "course",
        "courses",
    ]
)

# Landmarks and institutions named like small towns ("White House", Tennessee).
LANDMARKS = frozenset(
    {
        "white house",
        "golden gate",
        "capitol hill",
        "times square",
        "park avenue",
        "wall street",
        "downing street",
        "ground zero",
    }
)

# Words after a place that make it another kind of area than the city of that name.
AREA_WORDS = frozenset(["county", "parish", "township", "borough"])

# Words after a name that make it a sea or a landform named after a country or a city.
SEA_WORDS = frozenset(["ocean", "sea", "gulf", "bay", "peninsula", "subcontinent", "strait"])

# Place names that are also given names or surnames ("Paris Hilton", "Michael Jordan").
PERSON_LIKE = _words(
    """
    lindsay shelby sterling chester vernon clifton jasper dexter lyndon kimberley beverley
    ashley brooke courtney kelsey whitney mackenzie kendall dana gary ray
    george elizabeth charles albert frederick edward william louis henry john james arthur
    marshall lafayette sherman stanley leon adrian milton
    jordan paris victoria florence chelsea austin houston lincoln jackson madison orlando sydney
    charlotte regina eugene marion tyler beverly darwin hamilton clinton lawrence warren irving
    troy aurora carson chad savannah alexandria augusta santiago salvador nelson kent howard
    franklin moore douglas wilson harrison taylor morgan hudson logan mitchell camden bradford
    eaton hilton
    """
)
