"""Fillers of the behavioural suite: nations, armed groups, towns, weapons, hazards, sizes and dates.

Written for this suite from general knowledge of many regions; nothing here is read from the coder's
own knowledge files, the gold sets or the example document. Each nation lists towns that the offline
gazetteer should know, so a template can put an event in a real place of the right country.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WIRE_MONTHS = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Nation:
    """A country as reporting names it: adjective, code, name, capital and some of its towns."""

    adjective: str
    code: str
    name: str
    capital: str
    towns: tuple[str, ...]


NATIONS: tuple[Nation, ...] = (
    Nation("Malian", "MLI", "Mali", "Bamako", ("Gao", "Timbuktu", "Mopti", "Segou")),
    Nation("Burkinabe", "BFA", "Burkina Faso", "Ouagadougou", ("Djibo", "Kaya", "Dori", "Fada N'gourma")),
    Nation("Nigerien", "NER", "Niger", "Niamey", ("Tillaberi", "Diffa", "Agadez", "Tahoua")),
    Nation("Nigerian", "NGA", "Nigeria", "Abuja", ("Maiduguri", "Kaduna", "Sokoto", "Jos")),
    Nation("Sudanese", "SDN", "Sudan", "Khartoum", ("Nyala", "Kassala", "Wad Madani", "El Geneina")),
    Nation("Ukrainian", "UKR", "Ukraine", "Kyiv", ("Kharkiv", "Odesa", "Dnipro", "Sumy")),
    Nation("Russian", "RUS", "Russia", "Moscow", ("Belgorod", "Kursk", "Bryansk", "Voronezh")),
    Nation("Israeli", "ISR", "Israel", "Jerusalem", ("Ashkelon", "Sderot", "Haifa", "Nahariya")),
    Nation("Lebanese", "LBN", "Lebanon", "Beirut", ("Tyre", "Sidon", "Nabatieh", "Baalbek")),
    Nation("Syrian", "SYR", "Syria", "Damascus", ("Aleppo", "Idlib", "Homs", "Deir ez-Zor")),
    Nation("Iraqi", "IRQ", "Iraq", "Baghdad", ("Mosul", "Kirkuk", "Basra", "Tikrit")),
    Nation("Yemeni", "YEM", "Yemen", "Sanaa", ("Marib", "Taiz", "Hodeidah", "Aden")),
    Nation("Somali", "SOM", "Somalia", "Mogadishu", ("Kismayo", "Baidoa", "Beledweyne", "Garowe")),
    Nation("Ethiopian", "ETH", "Ethiopia", "Addis Ababa", ("Gondar", "Bahir Dar", "Dessie", "Mekele")),
    Nation("Kenyan", "KEN", "Kenya", "Nairobi", ("Mombasa", "Garissa", "Kisumu", "Nakuru")),
    Nation("Congolese", "COD", "Congo", "Kinshasa", ("Goma", "Bunia", "Beni", "Bukavu")),
    Nation("Colombian", "COL", "Colombia", "Bogota", ("Cucuta", "Popayan", "Medellin", "Tumaco")),
    Nation("Mexican", "MEX", "Mexico", "Mexico City", ("Culiacan", "Reynosa", "Acapulco", "Morelia")),
    Nation(
        "Venezuelan",
        "VEN",
        "Venezuela",
        "Caracas",
        ("Maracaibo", "Valencia", "Barquisimeto", "Ciudad Bolivar"),
    ),
    Nation("Peruvian", "PER", "Peru", "Lima", ("Cusco", "Arequipa", "Puno", "Trujillo")),
    Nation("Afghan", "AFG", "Afghanistan", "Kabul", ("Kandahar", "Herat", "Jalalabad", "Kunduz")),
    Nation("Pakistani", "PAK", "Pakistan", "Islamabad", ("Peshawar", "Quetta", "Karachi", "Bannu")),
    Nation("Indian", "IND", "India", "New Delhi", ("Imphal", "Srinagar", "Raipur", "Guwahati")),
    Nation("Filipino", "PHL", "the Philippines", "Manila", ("Marawi", "Cotabato", "Zamboanga", "Davao")),
    Nation("Turkish", "TUR", "Turkey", "Ankara", ("Diyarbakir", "Gaziantep", "Van", "Hakkari")),
    Nation("Armenian", "ARM", "Armenia", "Yerevan", ("Gyumri", "Goris", "Kapan", "Vanadzor")),
    Nation("Azerbaijani", "AZE", "Azerbaijan", "Baku", ("Ganja", "Shusha", "Lachin", "Tovuz")),
    Nation(
        "Haitian", "HTI", "Haiti", "Port-au-Prince", ("Cap-Haitien", "Gonaives", "Les Cayes", "Saint-Marc")
    ),
    Nation("Cameroonian", "CMR", "Cameroon", "Yaounde", ("Bamenda", "Maroua", "Buea", "Kousseri")),
    Nation("Mozambican", "MOZ", "Mozambique", "Maputo", ("Pemba", "Mocimboa da Praia", "Beira", "Nampula")),
    Nation("Libyan", "LBY", "Libya", "Tripoli", ("Benghazi", "Misrata", "Sirte", "Derna")),
    Nation("Chadian", "TCD", "Chad", "N'Djamena", ("Abeche", "Moundou", "Mongo", "Bol")),
    Nation("Ecuadorian", "ECU", "Ecuador", "Quito", ("Guayaquil", "Esmeraldas", "Manta", "Machala")),
    Nation("Bangladeshi", "BGD", "Bangladesh", "Dhaka", ("Chittagong", "Sylhet", "Khulna", "Rajshahi")),
    Nation("Thai", "THA", "Thailand", "Bangkok", ("Pattani", "Yala", "Narathiwat", "Chiang Mai")),
    Nation("Ugandan", "UGA", "Uganda", "Kampala", ("Gulu", "Kasese", "Mbarara", "Arua")),
    Nation("Cambodian", "KHM", "Cambodia", "Phnom Penh", ("Siem Reap", "Battambang", "Kampot", "Poipet")),
    Nation("Georgian", "GEO", "Georgia", "Tbilisi", ("Batumi", "Kutaisi", "Gori", "Zugdidi")),
)

BY_CODE = {n.code: n for n in NATIONS}


@dataclass(frozen=True, slots=True)
class Group:
    """A non-state armed group or gang as reports name it, its code and the nation it fights in."""

    name: str
    code: str
    home: str  # code of the nation whose towns it is reported in


GROUPS: tuple[Group, ...] = (
    Group("Hamas", "PSE", "ISR"),
    Group("Hezbollah", "LBN", "ISR"),
    Group("the Houthis", "YEM", "YEM"),
    Group("al Shabaab", "SOM", "SOM"),
    Group("Boko Haram", "NGA", "NGA"),
    Group("the ELN", "COL", "COL"),
    Group("the Arakan Army", "MMR", "MMR"),
    Group("the M23 rebels", "COD", "COD"),
    Group("the Rapid Support Forces", "SDN", "SDN"),
    Group("JNIM", "MLI", "MLI"),
    Group("the Taliban", "AFG", "AFG"),
    Group("the PKK", "TUR", "TUR"),
    Group("the Balochistan Liberation Army", "PAK", "PAK"),
    Group("the New People's Army", "PHL", "PHL"),
    Group("the Allied Democratic Forces", "UGA", "COD"),
    Group("the Kachin Independence Army", "MMR", "MMR"),
    Group("the Sinaloa Cartel", "MEX", "MEX"),
    Group("the Fano militia", "ETH", "ETH"),
)
GROUP_HOMES = frozenset(g.home for g in GROUPS)

# Myanmar's towns, for the groups that fight there (the adjective "Myanmar" is not a demonym).
MYANMAR = Nation("Myanmar", "MMR", "Myanmar", "Naypyidaw", ("Lashio", "Myitkyina", "Sittwe", "Hpakant"))

EXPLOSIVES: tuple[str, ...] = (
    "a roadside bomb",
    "a car bomb",
    "an improvised explosive device",
    "a landmine",
    "a suicide bomber",
    "a hand grenade",
)
BLASTS: tuple[str, ...] = (
    "a roadside bomb blast",
    "a car bomb explosion",
    "a landmine explosion",
    "an IED blast",
    "a bomb attack",
)
BARRAGES: tuple[str, ...] = (
    "artillery fire",
    "mortar fire",
    "a rocket attack",
    "a drone strike",
    "an air strike",
    "shelling",
)
TARGET_SITES: tuple[str, ...] = (
    "a market",
    "a military checkpoint",
    "a police station",
    "a bus station",
    "an army base",
    "a mosque",
    "a school",
)

# Hazards, accidents and mishaps that kill people without an agent.
HAZARDS: tuple[tuple[str, str], ...] = (
    ("Floods", "killed"),
    ("Flash floods", "killed"),
    ("An earthquake", "killed"),
    ("A landslide", "killed"),
    ("A cyclone", "killed"),
    ("Heavy rains", "killed"),
    ("A heatwave", "killed"),
    ("A cholera outbreak", "killed"),
)

NUMBERS: tuple[tuple[int, str], ...] = (
    (2, "two"), (3, "three"), (4, "four"), (5, "five"), (6, "six"), (7, "seven"),
    (8, "eight"), (9, "nine"), (11, "11"), (13, "13"), (17, "17"), (21, "21"), (26, "26"), (34, "34"),
)  # fmt: skip

CIVILIANS: tuple[str, ...] = ("civilians", "villagers", "people", "residents")


def published(rng: random.Random) -> dt.date:
    """A publication date between 2024 and mid-2026."""
    return dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(900))


def weekday_before(pub: dt.date, back: int) -> tuple[str, dt.date]:
    """The weekday ``back`` days before ``pub`` (0 to 6) and its date."""
    day = pub - dt.timedelta(days=back)
    return WEEKDAYS[day.weekday()], day


def wire_date(day: dt.date) -> str:
    """A date as a wire dateline writes it ("Feb 20", "March 3")."""
    return f"{WIRE_MONTHS[day.month - 1]} {day.day}"


def pick_nation(rng: random.Random, *, groups: bool = False) -> Nation:
    """A random nation (only the homes of armed groups when ``groups``)."""
    pool = [n for n in NATIONS if n.code in GROUP_HOMES] if groups else list(NATIONS)
    return rng.choice(pool)


# Pairs of neighbours or adversaries, so two-nation cases read like real reporting.
RIVALS: tuple[tuple[str, str], ...] = (
    ("RUS", "UKR"), ("ISR", "LBN"), ("ARM", "AZE"), ("IND", "PAK"), ("AFG", "PAK"), ("TUR", "SYR"),
    ("THA", "KHM"), ("SDN", "TCD"), ("COL", "VEN"), ("ISR", "SYR"), ("IRQ", "TUR"), ("SOM", "KEN"),
    ("COD", "UGA"), ("ETH", "SDN"), ("MLI", "NER"), ("NGA", "CMR"), ("GEO", "RUS"), ("YEM", "ISR"),
)  # fmt: skip


def pick_two(rng: random.Random) -> tuple[Nation, Nation]:
    """Two nations that report pairs together, in a random order."""
    first, second = rng.choice(RIVALS)
    if rng.random() < 0.5:
        first, second = second, first
    return BY_CODE[first], BY_CODE[second]


def town_of(rng: random.Random, code: str) -> str:
    """A town of the nation ``code``."""
    nation = MYANMAR if code == "MMR" else BY_CODE[code]
    return rng.choice(nation.towns)


def a(word: str, *, capital: bool = False) -> str:
    """``word`` with its indefinite article ("a Malian", "an Afghan"; "A Malian" when ``capital``)."""
    article = "an" if word[0] in "AEIOUaeiou" else "a"
    return f"{article.capitalize() if capital else article} {word}"


def number(rng: random.Random) -> tuple[int, str]:
    """A small count as a number and as it is written."""
    return rng.choice(NUMBERS)
