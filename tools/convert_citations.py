"""One-off: move inline citations into the sources/ registry (kept for the record of how)."""
import collections, re, sys, glob
from pathlib import Path
from urllib.parse import urlparse
import yaml

LAW_RULES = [
    ("federal", r"United States v\. Chase"),
    ("california", r"CDPH|LASD|Stanford Medicine|UC guidance"),
    ("washington", r"House Bill Report"),
    ("guidance", r"CPH & Associates|JAAPL|State adult-protective"),
    ("ethics", r"^(APA|ACA|NASW|AAMFT|CAMFT Code|CAMFT, Code)\b.*(Code|Ethic|Principle|Standard|\d\.\d)|Code of Ethics|Ethical Principles|Ethics Code"),
    ("guidance", r"^(APA|ACA|NASW|AAMFT|CAMFT|APA Practice|American Psych|Zur|CoE-PHI|Child Welfare Information Gateway|NCSL|National)"),
    ("federal", r"C\.?F\.?R|U\.S\.C|HIPAA|\bHHS\b|OCR|Federal Register|Jaffee|FERPA|42 U\.S|Fed\. R|CMS|SAMHSA|Public Law|P\.L\. 1|21st Century|Cures"),
    ("california", r"\bCal\b|Cal\.|California|Tarasoff|Ewing|Lifschutz|\bAB \d|\bSB \d.*Cal|CCR|Menendez|Cal\.App|Cal\.\d|Cal\.Rptr|CANRA|CMIA|BBS|Jablonski"),
    ("texas", r"Tex\.|Texas|Thapar|S\.W\.[23]d"),
    ("florida", r"Fla\.|Florida|So\. ?[23]d"),
    ("new_york", r"N\.Y\.|New York|MHL|CPLR|SAFE Act|N\.Y\.S|A\.D\.[23]d|NY "),
    ("illinois", r"ILCS|Ill\.|Illinois"),
    ("washington", r"RCW|WAC|Wash\.|Washington|Wn\.|Volk|Petersen"),
    ("massachusetts", r"G\.L\.|Mass\.|Massachusetts|CMR"),
    ("colorado", r"C\.R\.S|Colo\.|Colorado"),
    ("new_jersey", r"N\.J\.|New Jersey|P\.L\.\s?2018"),
    ("ohio", r"Ohio|R\.C\.|O\.A\.C"),
    ("pennsylvania", r"Pa\.|P\.S\.|Pennsylvania|Maas|Emerich"),
]

OFFICIAL = set()  # filled from sources/_publishers.yaml


def law_of(source: str, file: str) -> str | None:
    for law, pattern in LAW_RULES:
        if re.search(pattern, source):
            return law
    return None


def host(url):
    return urlparse(url or "").netloc.lower().removeprefix("www.")


CAL_CODES = {"Civ": "CIV", "Civil": "CIV", "Evid": "EVID", "Evidence": "EVID", "Penal": "PEN", "Pen": "PEN",
             "Welf. & Inst": "WIC", "W&I": "WIC", "Welfare and Institutions": "WIC", "Welfare & Institutions": "WIC",
             "Health & Safety": "HSC", "H&S": "HSC", "Health and Safety": "HSC", "Bus. & Prof": "BPC",
             "Business and Professions": "BPC", "B&P": "BPC", "Family": "FAM", "Fam": "FAM"}
TX_CODES = {"Health & Safety": ("HS", "HS"), "Family": ("FA", "FA"), "Occupations": ("OC", "OC"),
            "Occ.": ("OC", "OC"), "Human Resources": ("HR", "HR"), "Fam.": ("FA", "FA")}


def official_url(source: str, law: str) -> str | None:
    m = re.search(r"(\d+) CFR §?\s?(\d+)\.(\d+)", source)
    if m and law == "federal":
        return f"https://www.ecfr.gov/current/title-{m[1]}/section-{m[2]}.{m[3]}"
    m = re.search(r"(\d+) CFR Part (\d+)", source)
    if m and law == "federal":
        return f"https://www.ecfr.gov/current/title-{m[1]}/part-{m[2]}"
    m = re.search(r"(\d+) U\.S\.C\. §?\s?([\w-]+)", source)
    if m and law == "federal":
        return f"https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title{m[1]}-section{m[2]}"
    if law == "california":
        m = re.search(r"Cal\. ([A-Za-z&. ]+?) Code §§?\s?(\d+(?:\.\d+)?)", source)
        if m:
            key = m[1].strip().rstrip(".")
            code = CAL_CODES.get(key)
            if code:
                return (f"https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?"
                        f"lawCode={code}&sectionNum={m[2]}")
    if law == "texas":
        m = re.search(r"Tex\. ([A-Za-z&. ]+?) Code §§?\s?(\d+)\.(\d+)", source)
        if m:
            key = m[1].strip()
            for name, (code, _) in TX_CODES.items():
                if key.startswith(name.rstrip(".")):
                    return (f"https://statutes.capitol.texas.gov/Docs/{code}/htm/{code}.{m[2]}.htm#{m[2]}.{m[3]}")
    if law == "washington":
        m = re.search(r"RCW (\d+[A-Z]?\.\d+[A-Z]?\.\d+)", source)
        if m:
            return f"https://app.leg.wa.gov/RCW/default.aspx?cite={m[1]}"
    if law == "ohio":
        m = re.search(r"R\.C\. §?\s?(\d+\.\d+)", source)
        if m:
            return f"https://codes.ohio.gov/ohio-revised-code/section-{m[1]}"
    if law == "new_york":
        table = {"Mental Hygiene Law": "MHY", "MHL": "MHY", "Social Services Law": "SOS", "CPLR": "CVP",
                 "Public Health Law": "PBH", "Education Law": "EDN", "Penal Law": "PEN", "Family Court Act": "FCT"}
        for name, code in table.items():
            m = re.search(re.escape(name) + r" §?\s?(\d+(?:\.\d+)?(?:-[a-z])?)", source)
            if m:
                return f"https://www.nysenate.gov/legislation/laws/{code}/{m[1]}"
    if law == "illinois":
        m = re.search(r"(\d+) ILCS (\d+)/([\d.-]+\d)", source)
        if m:
            return (f"https://www.ilga.gov/legislation/ilcs/fulltext.asp?DocName="
                    f"{int(m[1]):04d}{int(m[2]):05d}0K{m[3]}")
    if law == "florida":
        m = re.search(r"Fla\. Stat\. §?\s?(\d+\.\d+)", source)
        if m:
            return f"https://www.flsenate.gov/Laws/Statutes/2025/{m[1]}"
    return None


def slug(text: str) -> str:
    text = re.sub(r"\(.*$", "", text).strip() or text
    text = text.lower().replace("§", "").replace("&", "and")
    s = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return s[:48].strip("-")


def main():
    root = Path(".")
    publishers = yaml.safe_load(open("sources/_publishers.yaml"))
    official = {law: set(h.removeprefix("www.") for h in hosts) for law, hosts in publishers["publishers"].items()}
    files = sorted(glob.glob("decision_trees/*.yaml") + glob.glob("jurisdictions/*.yaml") + glob.glob("casebook/*.yaml"))
    registry: dict[str, dict] = collections.defaultdict(dict)  # law -> id -> entry
    ids_by_key: dict = {}
    used_ids: set = set()
    unknown = []
    for f in files:
        text = open(f).read()
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        spans = []

        def walk(n):
            if isinstance(n, yaml.MappingNode):
                keys = {k.value: v for k, v in n.value}
                if "source" in keys and "verified" in keys:
                    spans.append(n)
                    return
                for _, v in n.value:
                    walk(v)
            elif isinstance(n, yaml.SequenceNode):
                for v in n.value:
                    walk(v)
        walk(node)
        for n in reversed(spans):
            data = yaml.safe_load(text[n.start_mark.index:n.end_mark.index]) if False else None
            entry = {k.value: v.value for k, v in n.value}
            source, url, note = entry["source"], entry.get("url"), entry.get("note")
            key = (source, url, note, None if law_of(source, f) else Path(f).stem)
            if key not in ids_by_key:
                law = law_of(source, f)
                if law is None:
                    stem = Path(f).stem
                    law = stem if f.startswith("jurisdictions/") else "unknown"
                    unknown.append((f, source))
                base = slug(source)
                cid, k = base, 2
                while cid in used_ids:
                    cid, k = f"{base}-{k}", k + 1
                used_ids.add(cid)
                ids_by_key[key] = (law, cid)
                h = host(url)
                is_official = bool(h) and any(h == o or h.endswith("." + o) for o in official.get(law, set()) | official.get("courts", set()))
                rec = {"source": source}
                official_link = url if is_official else official_url(source, law)
                if official_link:
                    rec["url"] = official_link
                if "facts.md" in source or "facts.md" in (note or ""):
                    why = "cites the project's own notes (facts.md), not a source; find and read the rule itself"
                elif url and not is_official:
                    why = f"drafted 2026-11-23 from a secondary copy ({h}); not yet read at the official publisher"
                elif url:
                    why = "drafted 2026-11-23; not re-read and quoted since"
                else:
                    why = "drafted 2026-11-23 without a link; not yet read at the official publisher"
                rec["unverified"] = why
                if url and not is_official:
                    rec["seen_at"] = url
                if note:
                    rec["note"] = note
                registry[law][cid] = rec
            law, cid = ids_by_key[key]
            start, end = n.start_mark.index, n.end_mark.index
            chunk = text[start:end]
            trailing = chunk[len(chunk.rstrip()):]
            text = text[:start] + f"cite: {cid}" + trailing + text[end:]
        open(f, "w").write(text)
    out = Path("sources")
    for law, entries in sorted(registry.items()):
        path = out / f"{law}.yaml"
        head = (f"# Sources of {law} law cited by the content. Each entry: the official URL, and either\n"
                f"# read (the date it was read) with quote, or unverified with the reason.\n"
                f"# See docs/sources.md.\n")
        body = yaml.safe_dump({"law": law, "sources": dict(sorted(entries.items()))}, sort_keys=False,
                              allow_unicode=True, width=100)
        path.write_text(head + body)
    for f, s in unknown:
        print("UNKNOWN", f, s)


if __name__ == "__main__":
    main()
