"""How well `claims extract` finds attributions, measured on PolNeAR.

PolNeAR (networkdynamics/PolNeAR) is a corpus of political news articles whose
attributions were annotated by hand as source, cue and content spans (brat standoff
files). Scoring follows the corpus: a predicted content matches a gold content when their
characters' Jaccard index is at least 0.5 (each gold attribution matched at most once);
the source is right when its span overlaps the gold source's span.

    python benchmarks/extract_bench.py --polnear PATH/TO/PolNeAR [--split dev]
        [--reference ARTICLE.txt]

Develop on the train and dev splits only; the test split is kept for independent
measurement. With --reference, also lists which of the expected named attributions of a
reference article (given on the command line with --expect, or the default list below)
were found, with their kinds.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from claims.extract.attributions import find_attributions
from claims.extract.spans import Attribution

# Gold content and predicted content are the same attribution from this overlap on.
JACCARD = 0.5


@dataclass
class Gold:
    content: frozenset[int]
    source: frozenset[int]


@dataclass
class Article:
    name: str
    text: str
    gold: list[Gold]


def _spans(field: str) -> frozenset[int]:
    chars: set[int] = set()
    for fragment in field.split(";"):
        start, end = fragment.split()
        chars.update(range(int(start), int(end)))
    return frozenset(chars)


def read_ann(path: Path) -> list[Gold]:
    spans: dict[str, tuple[str, frozenset[int]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, where = parts[1].partition(" ")
            spans[parts[0]] = (label, _spans(where))
        elif parts[0].startswith("E"):
            roles = dict(role.split(":", 1) for role in parts[1].split())
            relations.append(roles)
    gold = []
    for roles in relations:
        kind = next(iter(roles))  # the event's own type comes first
        if kind not in ("Attribution", "Attribution-no-source"):
            continue
        content: set[int] = set()
        source: set[int] = set()
        for role, ref in roles.items():
            if role.startswith("Content") and ref in spans:
                content |= spans[ref][1]
            elif role.startswith("Source") and ref in spans:
                source |= spans[ref][1]
        if content:
            gold.append(Gold(frozenset(content), frozenset(source)))
    return gold


def load_split(root: Path, split: str) -> list[Article]:
    """One annotation per article: where several annotators did an article, the first
    annotation file in name order, so that the figures do not vary between runs."""
    folder = root / "data" / split
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    articles = []
    for name, ann in sorted(chosen.items()):
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        articles.append(Article(name, text, read_ann(ann)))
    return articles


def score(articles: list[Article]) -> dict[str, float]:
    predicted = gold_total = matched = source_right = source_scored = 0
    started = time.perf_counter()
    found_by_article = [find_attributions(article.text) for article in articles]
    elapsed = time.perf_counter() - started
    for article, found in zip(articles, found_by_article, strict=True):
        predicted += len(found)
        gold_total += len(article.gold)
        unmatched = list(range(len(article.gold)))
        for attribution in found:
            best = _best_match(attribution, article.gold, unmatched)
            if best is None:
                continue
            unmatched.remove(best)
            matched += 1
            gold = article.gold[best]
            if gold.source:
                source_scored += 1
                span = range(attribution.source.start, attribution.source.end)
                source_right += any(char in gold.source for char in span)
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "articles": len(articles),
        "gold": gold_total,
        "predicted": predicted,
        "matched": matched,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "source_accuracy": source_right / source_scored if source_scored else 0.0,
        "articles_per_second": len(articles) / elapsed if elapsed else 0.0,
    }


def _best_match(attribution: Attribution, gold: list[Gold], unmatched: list[int]) -> int | None:
    predicted = frozenset(range(attribution.content.start, attribution.content.end))
    best, best_score = None, JACCARD
    for index in unmatched:
        content = gold[index].content
        score = len(predicted & content) / len(predicted | content)
        if score >= best_score:
            best, best_score = index, score
    return best


# The named attributions an editor would record from the reference article, with the
# kinds an editor could give each (a name with a title may be a person or an official).
REFERENCE: list[tuple[str, set[str]]] = [
    ("Korea Times", {"outlet"}),
    ("document", {"document"}),
    ("KCNA", {"outlet"}),
    ("Communist Party", {"organization"}),
    ("Ryu", {"person", "official"}),
    ("Spanish investigators", {"official"}),
    ("Yonhap", {"outlet"}),
    ("Yomiuri Shimbun", {"outlet"}),
    ("North Korean sources", {"anonymous"}),
    ("Ministry of Unification", {"organization"}),
    ("ministry official", {"anonymous"}),
    ("South Korean authorities", {"official"}),
    ("O’Carroll", {"person"}),
    ("NK News", {"outlet"}),
    ("Asmolov", {"person"}),
]


def reference_check(path: Path) -> tuple[int, int]:
    text = path.read_text(encoding="utf-8")
    found = find_attributions(text)
    right = 0
    for name, kinds in REFERENCE:
        hits = [a for a in found if name.casefold() in a.source.text.casefold()]
        good = [a for a in hits if a.kind in kinds]
        mark = "ok  " if good else ("kind" if hits else "miss")
        right += bool(good)
        shown = ", ".join(sorted({f"{a.kind}:{a.source.text}" for a in hits})) or "-"
        print(f"  {mark} {name} ({'/'.join(sorted(kinds))}): {shown}")
    return right, len(REFERENCE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, help="a checkout of networkdynamics/PolNeAR")
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--reference", type=Path, help="the reference article (plain text)")
    args = parser.parse_args(argv)
    if args.polnear is None and args.reference is None:
        parser.error("give --polnear, --reference or both")
    if args.polnear is not None:
        articles = load_split(args.polnear, args.split)
        figures = score(articles)
        print(
            f"PolNeAR {args.split}: {figures['articles']:.0f} articles, "
            f"{figures['gold']:.0f} gold attributions, {figures['predicted']:.0f} found, "
            f"{figures['matched']:.0f} matched"
        )
        print(
            f"  precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  "
            f"F1 {figures['f1']:.3f}  source right in {figures['source_accuracy']:.1%} "
            f"of matched  {figures['articles_per_second']:.0f} articles/s"
        )
    if args.reference is not None:
        print(f"Reference article {args.reference.name}:")
        right, total = reference_check(args.reference)
        print(f"  {right}/{total} found with an editor's kind")
    return 0


if __name__ == "__main__":
    sys.exit(main())
