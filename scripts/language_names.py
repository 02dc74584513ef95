"""Write the other names of the languages of languages.ttl (language-names.ttl) and the regions' groups of them
(language-groups.ttl) in registry/ontology/vocabularies.

Run by hand when languages.ttl gains a language (the output is committed; search reads the Turtle, not this script):

    python -m venv /tmp/ln && /tmp/ln/bin/pip install langcodes language_data
    /tmp/ln/bin/python scripts/language_names.py

The names come from the `language_data` package (MIT; CLDR's language names and the IANA language subtag registry,
which it bundles), read through `langcodes`: for each language of the vocabulary (by its code, ``skos:notation``)

- its English names: CLDR's, the IANA registry's descriptions ("Panjabi; Punjabi", "Chichewa; Chewa; Nyanja") and
  CLDR's names of its regional standards ("Brazilian Portuguese", "Swiss High German", "Latin American Spanish");
- its own names (autonyms): CLDR's name of the language in itself ("isiXhosa", "Kiswahili", "Deutsch", "中文"), with
  a form without accents beside one written with them ("Kreyol Ayisyen" for "Kreyòl Ayisyen");
- the English names of the languages a macrolanguage groups that the vocabulary has no concept of ("Sudanese Arabic",
  "Hakka Chinese", "Gheg Albanian"): a question asking for one of them is served by the models tagged with the
  macrolanguage, as the Hub tags them.

A name already a label or a place of the language in languages.ttl is left out, as are Latin-lettered names of one
or two letters (codes, not names; "中文" is kept). The definitions and places stay hand-written in languages.ttl.

A group of languages is a region's or a country's ("Indian languages", "African languages", "the Nordic languages"):
its names and places are written below (``GROUPS``), its members read from CLDR's territory data (which language has
an official status in which country, how many speak it there; the UN's regions): a language of the vocabulary official
in one of its countries; or official in a province of one and spoken by half its people there; or official in a
province or spoken by a tenth of the people of one, having a quarter of its speakers in the group's countries ("Indian languages": Hindi, Bengali, Tamil...; "the languages of Spain":
Spanish, Catalan, Galician, Basque). A language brought to a region from Europe and official there (English, French,
Portuguese, Spanish in Africa and India) is not the region's own (``NOT_OF``).

Every other country is a group as well (``country_groups``), named from CLDR's and the IANA registry's English names of
it ("the languages of Kenya", "languages spoken in the Netherlands", "Belgium's languages"); outside Europe, a language
official in a European country is its own only where most of its people speak it (English in the United States, not
French in Senegal).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import langcodes
from language_data.name_data import CODE_TO_NAMES
from language_data.util import data_filename

ROOT = Path(__file__).resolve().parents[1]
VOCABULARIES = ROOT / "registry" / "ontology" / "vocabularies"
SOURCE = VOCABULARIES / "languages.ttl"
TARGET = VOCABULARIES / "language-names.ttl"
GROUPS_TARGET = VOCABULARIES / "language-groups.ttl"
# key -> (label, other names, territories: ISO 3166 countries or UN M.49 regions, where in words)
GROUPS = {
    "india": ("Indian languages", ["Indic languages", "Indic", "languages of India", "India's languages",
                                   "Indian regional languages", "Indian language"], ["IN"], "India"),
    "south-asia": ("South Asian languages", ["languages of South Asia", "South Asian language"], ["034"], "South Asia"),
    "south-east-asia": ("Southeast Asian languages", ["South-East Asian languages", "languages of Southeast Asia",
                                                      "Southeast Asian language"], ["035"], "Southeast Asia"),
    "africa": ("African languages", ["languages of Africa", "Africa's languages", "African language"], ["002"], "Africa"),
    "south-africa": ("South African languages", ["languages of South Africa", "South Africa's languages",
                                                 "South African language"], ["ZA"], "South Africa"),
    "nigeria": ("Nigerian languages", ["languages of Nigeria", "Nigeria's languages", "Nigerian language"], ["NG"], "Nigeria"),
    "europe": ("European languages", ["languages of Europe", "Europe's languages", "European language"], ["150"], "Europe"),
    # (no bare "Nordic": an adjective of much else, "Nordic walking", "Nordic noir"; "Indic" names languages or scripts)
    "nordic": ("Nordic languages", ["Scandinavian languages", "languages of Scandinavia",
                                    "Scandinavian language", "Nordic language"],
               ["DK", "FI", "FO", "IS", "NO", "SE", "AX", "GL"], "the Nordic countries"),
    "spain": ("languages of Spain", ["Spain's languages", "Spanish regional languages", "co-official languages of Spain"],
              ["ES"], "Spain"),
    "philippines": ("Philippine languages", ["languages of the Philippines", "Philippine language"], ["PH"], "the Philippines"),
    "switzerland": ("languages of Switzerland", ["Swiss languages", "Switzerland's languages"], ["CH"], "Switzerland"),
}
# a continent's languages leave out those brought from another and official there (``language_groups``)
NOT_OF = {"002": "150", "034": "150", "035": "150", "IN": "150", "NG": "150", "ZA": "150", "PH": "150"}
EUROPE = "150"  # UN M.49: a country elsewhere leaves out the languages official in Europe (``language_groups``)
NOT_COUNTRIES = frozenset({"AA", "ZZ", "EU", "EZ", "UN"})  # codes of no country (private use, unions)
# a country's name written after "the" ("the United States", "the Netherlands")
THE_NAMES = ("United", "Dominican", "Central African", "Gambia", "U.S.", "British", "Holy See")
THE_ENDINGS = ("Islands", "lands", "States", "Emirates", "Bahamas", "Philippines", "Maldives", "Seychelles", "Comoros",
               "Grenadines", "Republic")
OFFICIAL = ("official", "official_regional", "de_facto_official")
NATIONAL = ("official", "de_facto_official")  # a country's own official language, not a province's
# a language the Hub also tags by another code of the vocabulary: Filipino, the standard form of Tagalog
SAME = {"fil": ("tl",)}
WIDELY = 10.0  # percent of a country's people speaking a language with no official status there (Hausa, Igbo)
SPOKEN_BY = 50.0  # percent of a country's people speaking it: the country's language
HOME_SHARE = 0.25  # share of a language's speakers living in the group's countries: the group's language
# an IANA description's qualifier ("Swahili (macrolanguage)", "Modern Greek (1453-)")
_QUALIFIER = re.compile(r"\s*\([^)]*\)")
# an English name that is mostly something else, left out: "occidental" is a word before it is Interlingue
EVERYDAY = frozenset({"Occidental"})
HEADER = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix mv: <https://w3id.org/mlfdo/vocab/> .

# GENERATED by scripts/language_names.py from the language_data package (CLDR language names and the IANA language
# subtag registry; MIT): do not edit by hand. The other names of the languages of languages.ttl: English names, the
# languages' own names (autonyms, also without accents) and the English names of the languages a macrolanguage
# groups that the vocabulary has no concept of. Search reads each as a name of its language (docs/vocabulary.md).
"""


GROUPS_HEADER = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix mv: <https://w3id.org/mlfdo/vocab/> .

# GENERATED by scripts/language_names.py: do not edit by hand (change GROUPS there). Groups of the languages of
# languages.ttl by region or country, their members read from CLDR's territory data (official status, share of
# speakers; the language_data package, MIT). Search reads a group's names as a preference for the models listing
# several of its languages, those listing more first (docs/search.md).

mv:language-group a skos:ConceptScheme ;
    skos:prefLabel "Groups of languages"@en ;
    skos:definition "The languages of a region or country, as a question may name them together."@en .
"""


def vocabulary() -> dict[str, tuple[str, set[str], set[str]]]:
    """Return code -> (concept IRI's local name, its names, its places) of languages.ttl (lower case)."""
    out = {}
    for block in SOURCE.read_text(encoding="utf-8").split("\n\n"):
        subject = re.match(r"mv:(language-\S+) a skos:Concept", block.strip())
        code = re.search(r'skos:notation "([^"]+)"', block)
        if subject is None or code is None:
            continue
        names = {n.lower() for line in re.findall(r"skos:(?:prefLabel|altLabel) ([^;]+);", block)
                 for n in re.findall(r'"([^"]+)"', line)}
        names |= {_QUALIFIER.sub("", n) for n in names}
        places = {n.lower() for line in re.findall(r"skos:hiddenLabel ([^;]+);", block)
                  for n in re.findall(r'"([^"]+)"', line)}
        out[code.group(1)] = (subject.group(1), names, places)
    return out


def iana() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Return the IANA registry's language subtag -> descriptions, and macrolanguage -> its member subtags."""
    descriptions: dict[str, list[str]] = defaultdict(list)
    members: dict[str, list[str]] = defaultdict(list)
    text = Path(data_filename("language-subtag-registry.txt")).read_text(encoding="utf-8")
    for record in text.split("\n%%\n"):
        fields = defaultdict(list)
        for line in re.sub(r"\n\s+", " ", record).splitlines():  # a long field goes on in indented lines
            key, _, value = line.partition(": ")
            fields[key].append(value.strip())
        if fields.get("Type") != ["language"] or fields.get("Deprecated"):
            continue
        subtag = fields["Subtag"][0]
        descriptions[subtag] = fields["Description"]
        for macro in fields.get("Macrolanguage", []):
            members[macro].append(subtag)
    return descriptions, members


def unaccented(name: str) -> str:
    """Return ``name`` without its accents ("Kreyòl" -> "Kreyol"), or "" when it is not in Latin letters."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain if plain.isascii() else ""


def names_of(code: str, descriptions: dict[str, list[str]], members: dict[str, list[str]],
             known: set[str]) -> dict[str, str]:
    """Return the other names of the language ``code`` -> the language tag they are written in ("en" or its own)."""
    found: dict[str, str] = {}

    def add(name: str, tag: str) -> None:
        name = _QUALIFIER.sub("", name or "").strip()
        if (len(name) > 2 or not name.isascii()) and not set(name) & set(",()") and name not in EVERYDAY and name.lower() not in {
                n.lower() for n in found}:
            found[name] = tag

    names = CODE_TO_NAMES.get(code, {})
    add(names.get("en", ""), "en")
    for d in descriptions.get(code, []):
        add(d, "en")
    for variant, variant_names in CODE_TO_NAMES.items():  # "pt-BR": Brazilian Portuguese
        if variant.split("-")[0] == code and variant != code and re.fullmatch(r"[a-z]+-(?:[A-Z]{2}|\d{3})", variant):
            add(variant_names.get("en", ""), "en")
    for own in (names.get(code), langcodes.Language.get(code).autonym()):
        if own and own.lower() != code:
            add(own, code)
            add(unaccented(own), code)
    for member in members.get(code, []):
        if member in known:
            continue  # a language of its own in the vocabulary: its names are its own
        for d in descriptions.get(member, []):
            # (a member's one-word name is as often a place, a people or a word: "Ottawa", "Brunei", "Haji"; the
            # few worth reading are given by hand in languages.ttl, "Dari")
            if " " in _QUALIFIER.sub("", d).strip():
                add(d, "en")
    return found


def territories() -> tuple[dict[str, list[str]], dict[str, dict[str, tuple[float, str]]]]:
    """Return CLDR's region -> its parts (regions or countries), and country -> language -> (percent speaking it,
    official status)."""
    import xml.etree.ElementTree as ET

    root = ET.parse(data_filename("supplementalData.xml")).getroot()
    parts: dict[str, list[str]] = defaultdict(list)
    for group in root.iter("group"):
        if group.get("status") not in ("deprecated", "grouping") and not group.get("grouping"):
            parts[group.get("type")] += group.get("contains", "").split()
    spoken: dict[str, dict[str, tuple[float, str]]] = {}
    for territory in root.iter("territory"):
        if territory.get("type") and territory.get("population"):
            people = float(territory.get("population"))
            # (a language in another script, "hi_Latn", is the language's own count again)
            spoken[territory.get("type")] = {
                lp.get("type"): (float(lp.get("populationPercent", 0)), lp.get("officialStatus", ""))
                for lp in territory.iter("languagePopulation") if "_" not in lp.get("type")}
            spoken[territory.get("type")]["#people"] = (people, "")
    return parts, spoken


def countries_of(code: str, parts: dict[str, list[str]]) -> set[str]:
    """Return the countries of a UN region (or the country itself)."""
    if code not in parts:
        return {code}
    return {c for part in parts[code] for c in countries_of(part, parts)}


def country_names() -> dict[str, list[str]]:
    """Return ISO 3166 country code -> its English names: CLDR's ("Myanmar (Burma)": "Myanmar", "Burma") and the IANA
    registry's region descriptions ("The Democratic Republic of the Congo"), "&" also written "and"."""
    text = Path(data_filename("language-subtag-registry.txt")).read_text(encoding="utf-8")
    out: dict[str, list[str]] = defaultdict(list)

    def add(code: str, name: str, other: bool = False) -> None:
        # (CLDR's other name in brackets is a name, "Myanmar (Burma)"; the IANA registry's a part, "(Dutch part)")
        for part in [_QUALIFIER.sub("", name).strip()] + (re.findall(r"\(([^)]*)\)", name) if other else []):
            part = part.replace("\u2019", "'").strip()
            if part and " - " not in part and part not in out[code]:
                out[code].append(part)
                if "&" in part:
                    add(code, part.replace("&", "and"))

    for record in text.split("\n%%\n"):
        fields = defaultdict(list)
        for line in re.sub(r"\n\s+", " ", record).splitlines():
            key, _, value = line.partition(": ")
            fields[key].append(value.strip())
        subtag = (fields.get("Subtag") or [""])[0]
        if fields.get("Type") != ["region"] or fields.get("Deprecated") or not re.fullmatch(r"[A-Z]{2}", subtag) \
                or subtag in NOT_COUNTRIES:
            continue
        add(subtag, langcodes.Language.make(territory=subtag).territory_name("en"), other=True)
        for d in fields["Description"]:
            add(subtag, d)
    return out


def country_groups() -> dict[str, tuple[str, list[str], list[str], str]]:
    """Return a group (as ``GROUPS``) for every country CLDR has language data of and no group of ``GROUPS`` is
    alone: "the languages of France", "France's languages", "languages spoken in France"."""
    _, spoken = territories()
    alone = {codes[0] for _, _, codes, _ in GROUPS.values() if len(codes) == 1}
    out = {}
    for code, names in sorted(country_names().items()):
        if code in alone or code not in spoken:
            continue
        phrases = [p for name in names for p in country_phrases(name)]
        place = phrases[0][len("languages of "):]
        out[code.lower()] = (f"languages of {place}", phrases[1:], [code], place)
    return out


def country_phrases(name: str) -> list[str]:
    """Return the phrases naming the languages of the country ``name``, with "the" before it and without."""
    out = []
    if name.lower().startswith("the "):
        places = ("the " + name[4:], name[4:])
    elif name.startswith(THE_NAMES) or name.endswith(THE_ENDINGS):
        places = ("the " + name, name)
    else:
        places = (name,)
    for place in places:
        owner = f"{place}'" if place.endswith("s") else f"{place}'s"  # "the Philippines' languages"
        out += [f"languages of {place}", f"languages spoken in {place}", f"{owner} languages",
                f"official languages of {place}"]
    return out


def language_groups(known: set[str], groups: dict | None = None) -> dict[str, list[str]]:
    """Return group key -> its member language codes of ``known`` (the vocabulary's), by CLDR's territory data."""
    parts, spoken = territories()
    groups = GROUPS if groups is None else groups

    def speakers(lang: str, where: set[str]) -> float:
        return sum(spoken[c][lang][0] / 100 * spoken[c]["#people"][0] for c in where if c in spoken and lang in spoken[c])

    everywhere = set(spoken)
    out = {}
    europe = countries_of(EUROPE, parts)
    for key, (_, _, codes, _) in groups.items():
        where = {c for code in codes for c in countries_of(code, parts)}
        elsewhere = {c for code in codes if code in NOT_OF for c in countries_of(NOT_OF[code], parts)}
        if groups is not GROUPS and not where & europe:
            elsewhere = europe  # a country's own languages: not those brought from Europe (French in Senegal) ...
        members = []
        for lang in sorted({lang for c in where if c in spoken for lang, (percent, status) in spoken[c].items()
                            if status in OFFICIAL or percent >= WIDELY}):
            if lang not in known:
                continue
            # (... unless most of its people speak it: English in the United States, Spanish in Mexico)
            mostly = groups is not GROUPS and any(spoken[c][lang][0] >= SPOKEN_BY for c in where if lang in spoken[c])
            if not mostly and any(lang in spoken.get(c, {}) and spoken[c][lang][1] in OFFICIAL for c in elsewhere):
                continue
            total = speakers(lang, everywhere)
            national = any(spoken[c][lang][1] in NATIONAL for c in where if c in spoken and lang in spoken[c])
            main = any(spoken[c][lang][0] >= SPOKEN_BY for c in where if c in spoken and lang in spoken[c]
                       and spoken[c][lang][1] in OFFICIAL)
            if national or main or (total and speakers(lang, where) / total >= HOME_SHARE):
                members.append(lang)
                members += [same for same in SAME.get(lang, ()) if same in known]
        out[key] = members
    return out


GROUP_DEFINITION = ("The languages of {place} as one group: those official or widely spoken there and mostly spoken "
                    "there, not brought from another continent.")
COUNTRY_DEFINITION = ("The languages of {place}: those official or widely spoken there, less those official in Europe "
                      "that most of its people do not speak (when it is outside Europe).")


def write_groups(vocab: dict[str, tuple[str, set[str], set[str]]]) -> None:
    """Write the groups of languages (``GROUPS``, then every other country's) as concepts of the scheme
    mv:language-group."""
    members = language_groups(set(vocab))
    countries = country_groups()
    members.update(language_groups(set(vocab), countries))
    # a group of one country takes the country's generated names too ("languages spoken in India")
    named = {key: (label, names + [p for name in country_names()[codes[0]] for p in country_phrases(name)
                                   if p.lower() != label.lower() and p not in names] if len(codes) == 1 else names,
                   codes, place) for key, (label, names, codes, place) in GROUPS.items()}
    lines = [GROUPS_HEADER]
    for key, (label, names, _, place) in {**named, **countries}.items():
        if not members[key]:
            continue
        shown = ", ".join(f'"{n}"@en' for n in dict.fromkeys(n for n in names if n.lower() != label.lower()))
        narrower = ", ".join(f"mv:{vocab[code][0]}" for code in members[key])
        lines.append(f"""mv:language-group-{key} a skos:Concept ;
    skos:inScheme mv:language-group ;
    skos:notation "{key}" ;
    skos:prefLabel "{label}"@en ;
    skos:altLabel {shown} ;
    skos:definition "{COUNTRY_DEFINITION.format(place=place) if key in countries else GROUP_DEFINITION.format(place=place)}"@en ;
    skos:narrower {narrower} .
""")
    GROUPS_TARGET.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {GROUPS_TARGET.relative_to(ROOT)}: {len(lines) - 1} groups")


def main() -> int:
    vocab = vocabulary()
    descriptions, members = iana()
    lines = [HEADER]
    macro_of = {member: macro for macro, subtags in members.items() for member in subtags if macro in vocab}
    for code in sorted(vocab):
        local, labels, places = vocab[code]
        # a name a language shares with its macrolanguage ("中文": Mandarin and Chinese) is the macrolanguage's: the
        # Hub tags the macrolanguage
        macro = macro_of.get(code)
        taken = set() if macro is None else vocab[macro][1] | {
            n.lower() for n in names_of(macro, descriptions, members, set(vocab))}
        found = {n: t for n, t in names_of(code, descriptions, members, set(vocab)).items()
                 if n.lower() not in labels and n.lower() not in places and n.lower() not in taken}
        if found:
            shown = ", ".join(f'"{n}"@{t}' for n, t in found.items())
            lines.append(f"mv:{local} skos:altLabel {shown} .\n")
    TARGET.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(lines) - 1} languages")
    write_groups(vocab)
    return 0


if __name__ == "__main__":
    sys.exit(main())
