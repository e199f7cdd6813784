"""Reproducible provinces for the benchmark: assessment files for a
criteria set, drawn from a seed.

- *realistic* files look like the demo's (about 24 KB for Bảng II): a header
  comment, a comment line per leaf, each answer as a table with its evidence
  (one or two documents: number, date, title, file, page) and often a note,
  and the survey values;
- *lean* files hold the facts only (about 4 KB): a ``value`` per answer.

Values are drawn the way units declare them, mostly good with some misses,
so that every rule meets all its bands: choice keys, true/false, percentages
with a decimal, ratios of counts ``"n/d"`` (with the odd ``"0/0"``) and counts.

    python benchmarks/generate.py FOLDER --units 100 [--lean] [--seed 2024]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).absolute().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cchc_score import CriteriaSet  # noqa: E402
from cchc_score._toml_write import key, string, value  # noqa: E402
from cchc_score.rules import Choice, Tiers, YesNo  # noqa: E402

#: the Bảng II set the benchmark scores
BANG2 = ROOT / "criteria" / "ca-tinh-2024-bang2.toml"
SEED = 2024

_DOCS = ("KH", "BC", "QĐ", "CV", "TB", "KL")
_DOC_TITLES = ("Kế hoạch cải cách hành chính năm 2024",
               "Báo cáo kết quả công tác cải cách hành chính năm 2024",
               "Quyết định kiện toàn Ban chỉ đạo cải cách hành chính",
               "Công văn hướng dẫn triển khai nhiệm vụ cải cách hành chính",
               "Thông báo kết luận kiểm tra công tác cải cách hành chính",
               "Báo cáo tự đánh giá, chấm điểm Chỉ số cải cách hành chính")
_NOTES = ("Hoàn thành đầy đủ các nhiệm vụ đã xác định trong kế hoạch.",
          "Đã ban hành đúng thời hạn, có tài liệu kiểm chứng kèm theo.",
          "Một số nhiệm vụ chậm tiến độ do thay đổi tổ chức bộ máy.",
          "Số liệu tổng hợp từ hệ thống thông tin giải quyết thủ tục hành chính.")


def _value(rule: Any, rng: random.Random) -> Any:
    """A declared fact for `rule`: three times in four the best outcome."""
    good = rng.random() < 0.75
    if isinstance(rule, YesNo):
        return good or rng.random() < 0.5
    if isinstance(rule, Choice):
        options = sorted(rule.options, key=lambda o: o.points, reverse=True)
        return options[0].key if good else rng.choice(options).key
    if isinstance(rule, Tiers):
        if rule.over == "ratio":
            den = rng.choice([0, *range(1, 40)])
            num = den if good else rng.randint(0, den)
            return f"{num}/{den}"
        if rule.over == "percent":
            if good:
                return 100
            return Decimal(rng.randint(0, 1000)).scaleb(-1)
        return rng.randint(0, 6) if not good else rng.randint(3, 12)
    raise TypeError(f"the generator does not know rule kind {rule.kind!r}")


def _leaves(criteria: CriteriaSet) -> tuple[list[Any], list[Any]]:
    leaves = [n for n in criteria.leaves() if n.rule is not None]
    return ([n for n in leaves if n.method != "survey"],
            [n for n in leaves if n.method == "survey"])


def _unit_lines(criteria: CriteriaSet, i: int) -> list[str]:
    return [
        "schema = 1", f"criteria = {string(criteria.id)}", f"year = {criteria.years[0]}", "",
        "[unit]", f'id = "u{i:05d}"',
        f"name = {string(f'Đơn vị thử nghiệm số {i} – Công an tỉnh Ví Dụ (hư cấu)')}",
        f"group = {string(criteria.group)}", 'tags = ["tthc"]', ""]


def realistic(criteria: CriteriaSet, i: int, rng: random.Random) -> str:
    """A unit's file as people fill it: comments, evidence, notes."""
    own, survey = _leaves(criteria)
    lines = ["# DỮ LIỆU HƯ CẤU – sinh tự động cho benchmark (cchc-score).",
             f"# Bộ tiêu chí: {criteria.id}. Đơn vị số {i}.", "",
             *_unit_lines(criteria, i)]
    for node in own:
        lines.append(f"# {node.code} {node.title} (tối đa {node.max})")
        lines.append(f"[answers.{string(node.code)}]")
        lines.append(f"value = {value(_value(node.rule, rng))}")
        if rng.random() < 0.65:
            lines.append("evidence = [")
            for _ in range(rng.randint(1, 2)):
                doc = rng.randrange(len(_DOCS))
                lines.append("  " + value({
                    "number": f"{rng.randint(1, 450)}/{_DOCS[doc]}-DV{i:05d}",
                    "date": dt.date(2024, rng.randint(1, 12), rng.randint(1, 28)),
                    "title": _DOC_TITLES[doc], "file": f"tl-{node.code}-{doc}.pdf",
                    "page": f"{rng.randint(1, 5)}-{rng.randint(6, 30)}"}) + ",")
            lines.append("]")
        if rng.random() < 0.6:
            lines.append(f"note = {string(rng.choice(_NOTES))}")
        lines.append("")
    lines.append("[survey]")
    lines.extend(f"{key(n.code)} = {value(_value(n.rule, rng))}" for n in survey)
    return "\n".join(lines) + "\n"


def lean(criteria: CriteriaSet, i: int, rng: random.Random) -> str:
    """The facts only."""
    own, survey = _leaves(criteria)
    return "\n".join([
        *_unit_lines(criteria, i),
        *(f"[answers.{string(n.code)}]\nvalue = {value(_value(n.rule, rng))}" for n in own), "",
        "[survey]", *(f"{string(n.code)} = {value(_value(n.rule, rng))}" for n in survey),
    ]) + "\n"


def texts(criteria: CriteriaSet, units: int, *, lean_files: bool = False,
          seed: int = SEED) -> Iterator[str]:
    """The files of a province of `units` units, the same for the same seed."""
    rng = random.Random(seed)
    make = lean if lean_files else realistic
    for i in range(units):
        yield make(criteria, i, rng)


def write_province(folder: Path, criteria: CriteriaSet, units: int, *,
                   lean_files: bool = False, seed: int = SEED) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(texts(criteria, units, lean_files=lean_files, seed=seed)):
        path = folder / f"u{i:05d}.toml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def load_bang2() -> CriteriaSet:
    from cchc_score.load import check_criteria
    from cchc_score.rules import RuleKinds

    criteria, issues = check_criteria(BANG2, RuleKinds.builtin())
    assert criteria is not None, issues
    return criteria


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--lean", action="store_true")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    paths = write_province(args.folder, load_bang2(), args.units, lean_files=args.lean,
                           seed=args.seed)
    print(f"{len(paths)} files in {args.folder}")


if __name__ == "__main__":
    main()
