"""Build whimbrel's shipped actor base, src/whimbrel/knowledge/actors.jsonl.

Countries come from pycountry (every ISO 3166-1 country, code = alpha-3); everything else comes from
the hand-written src/whimbrel/knowledge/actors_curated.toml (everyday country names, demonyms, capitals,
PLOVER sector nouns, IGOs/NGOs, armed groups, parties and leaders) and actors_groups.toml (non-state
armed groups and political movements by region). The groups' ``parent`` and ``backers`` fields become
knowledge-base links in src/whimbrel/knowledge/actor_links.tsv (entry id, kind, target entry id).

The output is deterministic: entries sorted by id, aliases in a stable order. The build fails when an
alias would point at two entries, unless every such entry is time-bounded and their periods do not
overlap (the matcher then picks by date).

    .venv/bin/python scripts/build_actors.py            # write the file
    .venv/bin/python scripts/build_actors.py --check    # exit 1 if the file is out of date
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from whimbrel.knowledge.actors import ActorEntry, alias_tokens, entry_from_json  # noqa: E402

KNOWLEDGE = ROOT / "src" / "whimbrel" / "knowledge"
CURATED = KNOWLEDGE / "actors_curated.toml"
GROUPS = KNOWLEDGE / "actors_groups.toml"
LEADERS = KNOWLEDGE / "actors_leaders.tsv"
OUTPUT = KNOWLEDGE / "actors.jsonl"
LINKS = KNOWLEDGE / "actor_links.tsv"
LINK_FIELDS = {"parent": "member_of", "backers": "backed_by"}


_UNDECOMPOSED = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss"}
)


def slug(text: str) -> str:
    """ASCII, lower-case, hyphen-separated: "Kurdistan Workers' Party" -> "kurdistan-workers-party"."""
    # Letters with no decomposition to an ASCII base ("Yıldırım", "Łódź") are spelled out first.
    plain = text.translate(_UNDECOMPOSED)
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower().replace("'", "")).strip("-")


def strip_the(alias: str) -> str:
    """Aliases are stored without a leading article; the matcher drops it anyway."""
    return alias[4:] if alias.casefold().startswith("the ") else alias


def ordered(values: Iterable[str]) -> list[str]:
    """Deduplicated, in a stable order that does not depend on how the tables were written."""
    return sorted({strip_the(v.strip()) for v in values if v.strip()}, key=lambda v: (v.casefold(), v))


def usable_pycountry_name(name: str | None) -> bool:
    """pycountry's inverted ("Korea, Republic of") and bracketed names never occur in running text."""
    return name is not None and name != "" and "," not in name and "(" not in name


def country_entries(curated: dict[str, Any]) -> list[dict[str, Any]]:
    names: dict[str, str] = curated.get("country_names", {})
    extra: dict[str, list[str]] = curated.get("country_aliases", {})
    drop: dict[str, list[str]] = curated.get("drop_aliases", {})
    demonyms: dict[str, list[str]] = curated.get("demonyms", {})
    known = {c.alpha_3 for c in pycountry.countries}
    for table, keys in (
        ("country_names", names),
        ("country_aliases", extra),
        ("drop_aliases", drop),
        ("demonyms", demonyms),
        ("capitals", curated.get("capitals", {})),
    ):
        unknown = sorted(set(keys) - known)
        if unknown:
            raise SystemExit(f"{CURATED.name}: [{table}] has codes pycountry does not know: {unknown}")
    out = []
    for country in pycountry.countries:
        code = country.alpha_3
        common = getattr(country, "common_name", None)
        official = getattr(country, "official_name", None)
        candidates = [n for n in (country.name, common, official) if usable_pycountry_name(n)]
        name = (
            names.get(code) or common or (country.name if usable_pycountry_name(country.name) else official)
        )
        if not isinstance(name, str) or not name:
            raise SystemExit(f"{code}: no display name; add one to [country_names] in {CURATED.name}")
        aliases: set[str] = {c for c in candidates if c} | set(extra.get(code, []))
        if usable_pycountry_name(name):
            aliases.add(name)
        aliases -= set(drop.get(code, []))
        out.append(
            {
                "id": f"iso:{code}",
                "name": name,
                "kind": "country",
                "code": code,
                "sector": None,
                "aliases": ordered(aliases),
                "demonyms": ordered(demonyms.get(code, [])),
            }
        )
    return out


def capital_entries(curated: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for code, names in curated.get("capitals", {}).items():
        out.append(
            {
                "id": f"whimbrel:capital-{slug(names[0])}",
                "name": names[0],
                "kind": "capital",
                "code": code,
                "sector": "GOV",
                "aliases": ordered(names),
                "country": code,
                "notes": f"capital of {code}, used for its government",
            }
        )
    return out


def sector_entries(curated: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for sector, nouns in curated.get("sectors", {}).items():
        for noun in nouns:
            forms = [form.strip() for form in noun.split("/")]
            out.append(
                {
                    "id": f"sector:{slug(forms[0])}",
                    "name": forms[0],
                    "kind": "sector",
                    "code": None,
                    "sector": sector,
                    "aliases": ordered(forms),
                }
            )
    return out


def named_entries(curated: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for actor in curated.get("actor", []):
        actor = {k: v for k, v in actor.items() if k not in LINK_FIELDS}
        obj = {"id": f"whimbrel:{slug(actor['name'])}", "code": None, "sector": None, **actor}
        obj["aliases"] = ordered(obj.get("aliases", []))
        if "demonyms" in obj:
            obj["demonyms"] = ordered(obj["demonyms"])
        out.append(obj)
    return out


def leader_entries(taken: set[str]) -> list[dict[str, Any]]:
    """Person entries from actors_leaders.tsv, one per office held; ids made unique by the start year."""
    out = []
    rows = [line for line in LEADERS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    header = rows[0].split("\t")
    if header != ["code", "sector", "valid_from", "valid_to", "role", "names"]:
        raise SystemExit(f"{LEADERS.name}: unexpected header {header}")
    for number, line in enumerate(rows[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise SystemExit(f"{LEADERS.name}: row {number} has {len(cells)} cells, expected {len(header)}")
        code, sector, valid_from, valid_to, role, names = cells
        aliases = [n.strip() for n in names.split("|") if n.strip()]
        ident = f"whimbrel:{slug(aliases[0])}"
        if ident in taken:
            ident = f"{ident}-{valid_from[:4]}"
        if ident in taken:
            raise SystemExit(f"{LEADERS.name}: row {number}: {aliases[0]} twice from {valid_from[:4]}")
        taken.add(ident)
        obj: dict[str, Any] = {
            "id": ident,
            "name": aliases[0],
            "kind": "person",
            "code": code,
            "sector": sector,
        }
        obj["aliases"] = ordered(aliases)
        obj |= {"valid_from": valid_from} if valid_from else {}
        obj |= {"valid_to": valid_to} if valid_to else {}
        obj["notes"] = role
        out.append(obj)
    return out


def disjoint(entries: list[ActorEntry]) -> bool:
    """True when every entry is time-bounded and no two periods overlap."""
    if any(e.valid_from is None and e.valid_to is None for e in entries):
        return False
    spans = sorted(((e.valid_from or "0000"), (e.valid_to or "9999")) for e in entries)
    return all(prev[1] < nxt[0] for prev, nxt in itertools.pairwise(spans))


def check_aliases(entries: list[ActorEntry]) -> list[str]:
    """Aliases (as the matcher folds them) claimed by more than one entry without a date to choose."""
    owners: dict[tuple[str, ...], dict[str, ActorEntry]] = {}
    for entry in entries:
        for alias in (*entry.aliases, *entry.demonyms):
            tokens = alias_tokens(alias)
            if not tokens:
                raise SystemExit(f"{entry.id}: alias {alias!r} has no tokens")
            key = tuple(t.replace("’", "'").casefold() for t in tokens)
            owners.setdefault(key, {})[entry.id] = entry
    problems = []
    for key, by_id in sorted(owners.items()):
        if len(by_id) > 1 and not disjoint(list(by_id.values())):
            problems.append(f"alias {' '.join(key)!r} is claimed by {', '.join(sorted(by_id))}")
    return problems


def load_tables() -> tuple[dict[str, Any], dict[str, Any]]:
    with CURATED.open("rb") as handle:
        curated = tomllib.load(handle)
    with GROUPS.open("rb") as handle:
        groups = tomllib.load(handle)
    return curated, groups


def links(groups: dict[str, Any], entries: list[ActorEntry]) -> list[tuple[str, str, str]]:
    """(entry id, kind, target id) for every ``parent`` and ``backers`` value of the groups file.

    A target is an entry's name, its id, or a country's alpha-3 code; one that names no entry fails the
    build, so a typo never becomes a silent missing link.
    """
    by_name = {e.name.casefold(): e.id for e in entries if not e.id.startswith("sector:")}
    by_id = {e.id for e in entries}
    out = set()
    for actor in groups.get("actor", []):
        source = actor.get("id") or f"whimbrel:{slug(actor['name'])}"
        for field, kind in LINK_FIELDS.items():
            values = actor.get(field, [])
            for value in [values] if isinstance(values, str) else values:
                if value in by_id:
                    target = value
                elif f"iso:{value}" in by_id:
                    target = f"iso:{value}"
                elif value.casefold() in by_name:
                    target = by_name[value.casefold()]
                else:
                    raise SystemExit(f"{GROUPS.name}: {actor['name']}: {field} {value!r} names no entry")
                out.add((source, kind, target))
    return sorted(out)


def render_links(rows: list[tuple[str, str, str]]) -> str:
    header = (
        "# written by scripts/build_actors.py from actors_groups.toml; do not edit\nentry\tkind\ttarget\n"
    )
    return header + "".join("\t".join(row) + "\n" for row in rows)


def build() -> list[ActorEntry]:
    curated, groups = load_tables()
    raw = [
        *country_entries(curated),
        *capital_entries(curated),
        *sector_entries(curated),
        *named_entries(curated),
        *named_entries(groups),
    ]
    raw += leader_entries({str(obj["id"]) for obj in raw})
    entries = [entry_from_json(obj, f"{CURATED.name} [{obj.get('id')}]") for obj in raw]
    dupes = [key for key, n in Counter(e.id for e in entries).items() if n > 1]
    if dupes:
        raise SystemExit(f"duplicate ids: {sorted(dupes)}")
    problems = check_aliases(entries)
    if problems:
        raise SystemExit("ambiguous aliases:\n  " + "\n  ".join(problems))
    return sorted(entries, key=lambda e: e.id)


def render(entries: list[ActorEntry]) -> str:
    return "".join(json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in entries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail if actors.jsonl is out of date")
    args = parser.parse_args(argv)
    entries = build()
    outputs = {OUTPUT: render(entries), LINKS: render_links(links(load_tables()[1], entries))}
    if args.check:
        for path, text in outputs.items():
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                stale = path.relative_to(ROOT)
                print(f"{stale} is out of date: run scripts/build_actors.py", file=sys.stderr)
                return 1
        return 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
    kinds = Counter(e.kind for e in entries)
    print(
        f"wrote {len(entries)} entries to {OUTPUT.relative_to(ROOT)}: "
        + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
