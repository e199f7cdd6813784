"""User-facing text in Vietnamese (default) and English.

Messages are kept as a key plus arguments (`Msg`) until they are printed, so
that a result computed once can be shown in either language and numbers are
formatted the way each language writes them (96,5 vs 96.5).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from ._numbers import fmt

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"


@attrs.frozen
class Msg:
    """A translatable message: a catalog key and its arguments."""

    key: str
    args: Mapping[str, Any] = attrs.field(factory=dict)

    def render(self, lang: str = DEFAULT_LANG) -> str:
        return render(self, lang)

    def __str__(self) -> str:
        return self.render("en")


def msg(key: str, **args: Any) -> Msg:
    if key not in CATALOG:
        raise KeyError(f"no message {key!r} in the catalog")
    return Msg(key, args)


def _arg(value: Any, lang: str) -> str:
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, bool):
        return render(msg("yes" if value else "no"), lang)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return fmt(Decimal(value), lang)
    if isinstance(value, _dt.date):
        return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_arg(v, lang) for v in value)
    return str(value)


def render(message: Msg, lang: str = DEFAULT_LANG) -> str:
    texts = CATALOG.get(message.key)
    if texts is None:  # plugin messages not in our catalog render their key
        return message.key
    template = texts[0] if lang == "vi" else texts[1]
    return template.format(**{k: _arg(v, lang) for k, v in message.args.items()})


def register_messages(messages: Mapping[str, tuple[str, str]]) -> None:
    """Add (vi, en) message pairs; plugins call this for their own rule kinds."""
    for key, pair in messages.items():
        if key in CATALOG and CATALOG[key] != pair:
            raise ValueError(f"message {key!r} is already defined differently")
        CATALOG[key] = pair


CATALOG: dict[str, tuple[str, str]] = {
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    "text": ("{text}", "{text}"),
    # -- rule outcomes -------------------------------------------------------
    "out.yes_no": ("{label} → {points}/{max} điểm", "{label} → {points}/{max} points"),
    "out.choice": ("Chọn “{label}” → {points}/{max} điểm", "Chose “{label}” → {points}/{max} points"),
    "out.deadline.on_time": (
        "Ban hành ngày {date}, đúng hạn {due} → {points}/{max} điểm",
        "Issued {date}, on time (due {due}) → {points}/{max} points",
    ),
    "out.deadline.late": (
        "Ban hành ngày {date}, chậm {days} ngày so với hạn {due} → {points}/{max} điểm",
        "Issued {date}, {days} days after the due date {due} → {points}/{max} points",
    ),
    "out.deadline.missing": (
        "Không ban hành (hạn {due}) → {points}/{max} điểm",
        "Not issued (due {due}) → {points}/{max} points",
    ),
    "out.tiers.ratio": (
        "Tỷ lệ {share}% ({num}/{den}) thuộc mức {band} → {points}/{max} điểm",
        "Share {share}% ({num}/{den}) falls in {band} → {points}/{max} points",
    ),
    "out.tiers.percent": (
        "Tỷ lệ {share}% thuộc mức {band} → {points}/{max} điểm",
        "Share {share}% falls in {band} → {points}/{max} points",
    ),
    "out.tiers.number": (
        "Số lượng {value}{unit} thuộc mức {band} → {points}/{max} điểm",
        "Count {value}{unit} falls in {band} → {points}/{max} points",
    ),
    "out.zero_den.full": (
        "Không phát sinh (0/0) → đạt tối đa {points}/{max} điểm",
        "None arose (0/0) → full {points}/{max} points",
    ),
    "out.zero_den.zero": (
        "Không phát sinh (0/0) → {points}/{max} điểm theo quy định",
        "None arose (0/0) → {points}/{max} points as the set provides",
    ),
    "out.zero_den.na": (
        "Không phát sinh (0/0) → không áp dụng",
        "None arose (0/0) → not applicable",
    ),
    "band.min_lt": ("từ {lo}{u} đến dưới {hi}{u}", "from {lo}{u} to under {hi}{u}"),
    "band.above_lt": ("trên {lo}{u} đến dưới {hi}{u}", "over {lo}{u} to under {hi}{u}"),
    "band.min_le": ("từ {lo}{u} đến {hi}{u}", "from {lo}{u} to {hi}{u}"),
    "band.above_le": ("trên {lo}{u} đến {hi}{u}", "over {lo}{u} to {hi}{u}"),
    "band.min": ("từ {lo}{u} trở lên", "{lo}{u} or more"),
    "band.above": ("trên {lo}{u}", "over {lo}{u}"),
    "band.below": ("dưới {hi}{u}", "under {hi}{u}"),
    "band.at_most": ("không quá {hi}{u}", "{hi}{u} or less"),
    "band.exact": ("{value}{u}", "{value}{u}"),
    "out.proportional": (
        "Tỷ lệ {share}% × {max} điểm → {points}/{max} điểm",
        "Share {share}% × {max} points → {points}/{max} points",
    ),
    "out.proportional.floor": (
        "Tỷ lệ {share}% dưới mức sàn {floor}% → {points}/{max} điểm",
        "Share {share}% is below the floor {floor}% → {points}/{max} points",
    ),
    "out.deduction": (
        "{count} {unit} × {per_item} điểm trừ → {points}/{max} điểm",
        "{count} {unit} × {per_item} points off → {points}/{max} points",
    ),
    "out.bonus": (
        "{count} {unit} × {per_item} điểm (tối đa {cap}) → {points}/{max} điểm",
        "{count} {unit} × {per_item} points (cap {cap}) → {points}/{max} points",
    ),
    "out.survey.share": (
        "Khảo sát: {share}% hài lòng → {points}/{max} điểm",
        "Survey: {share}% satisfied → {points}/{max} points",
    ),
    "out.survey.weighted": (
        "Khảo sát: {answers} (trọng số {weights}) → {share}% → {points}/{max} điểm",
        "Survey: {answers} (weights {weights}) → {share}% → {points}/{max} points",
    ),
    "out.manual": ("Điểm chấm trực tiếp → {points}/{max} điểm", "Points entered → {points}/{max} points"),
    "out.na": ("Không áp dụng: {reason}", "Not applicable: {reason}"),
    "out.na.tags": (
        "Không áp dụng cho đơn vị này (theo nhóm/nhãn đơn vị)",
        "Does not apply to this unit (by its tags)",
    ),
    "out.pending": (
        "Chưa có kết quả điều tra xã hội học",
        "Survey result not yet available",
    ),
    "out.unanswered": ("Chưa kê khai → 0/{max} điểm", "Not declared → 0/{max} points"),
    "out.appraised_points": (
        "Hội đồng thẩm định chấm {points}/{max} điểm: {reason}",
        "Appraisal council set {points}/{max} points: {reason}",
    ),
    "out.appraised_value": ("Thẩm định: {inner}", "Appraised: {inner}"),
    "out.bonus_pool": ("Điểm thưởng", "Bonus points"),
    "out.penalty_pool": ("Điểm trừ", "Penalty points"),
    # -- value problems --------------------------------------------------------
    "val.bool": (
        "cần giá trị có/không (true/false), nhận được {raw}",
        "expected yes/no (true/false), got {raw}",
    ),
    "val.choice": (
        "“{raw}” không phải là lựa chọn hợp lệ; các lựa chọn: {options}",
        "“{raw}” is not a valid option; options: {options}",
    ),
    "val.date": (
        "cần một ngày (YYYY-MM-DD) hoặc false nếu không ban hành, nhận được {raw}",
        "expected a date (YYYY-MM-DD) or false when not issued, got {raw}",
    ),
    "val.number": ("cần một số, nhận được {raw}", "expected a number, got {raw}"),
    "val.negative": ("không được âm: {raw}", "must not be negative: {raw}"),
    "val.integer": ("cần số nguyên: {raw}", "expected a whole number: {raw}"),
    "val.percent": (
        "tỷ lệ phải trong khoảng 0–100%, nhận được {raw}",
        "a share must be within 0–100%, got {raw}",
    ),
    "val.ratio": (
        "cần tử số/mẫu số, ví dụ {{ num = 193, den = 200 }} hoặc \"193/200\", nhận được {raw}",
        "expected numerator/denominator, e.g. {{ num = 193, den = 200 }} or \"193/200\", got {raw}",
    ),
    "val.ratio_order": (
        "tử số {num} lớn hơn mẫu số {den}",
        "numerator {num} is greater than denominator {den}",
    ),
    "val.points_range": (
        "điểm phải trong khoảng 0–{max}, nhận được {raw}",
        "points must be within 0–{max}, got {raw}",
    ),
    "val.points_step": (
        "điểm phải là bội số của {step}, nhận được {raw}",
        "points must be a multiple of {step}, got {raw}",
    ),
    "val.answers": (
        "cần số phiếu theo từng phương án ({options}), nhận được {raw}",
        "expected answer counts per option ({options}), got {raw}",
    ),
    "val.answers_unknown": (
        "phương án “{option}” không có trong trọng số ({options})",
        "answer option “{option}” has no weight ({options})",
    ),
    # -- rule parameter problems --------------------------------------------------
    "par.missing": ("thiếu tham số “{key}”", "missing parameter “{key}”"),
    "par.unknown": (
        "tham số không hợp lệ “{key}” cho loại “{kind}”; hợp lệ: {allowed}",
        "unknown parameter “{key}” for kind “{kind}”; allowed: {allowed}",
    ),
    "par.type": ("tham số “{key}”: {problem}", "parameter “{key}”: {problem}"),
    "par.one_of": ("phải là một trong: {allowed}", "must be one of: {allowed}"),
    "par.nonneg": ("phải là số không âm", "must be a non-negative number"),
    "par.positive": ("phải là số dương", "must be a positive number"),
    "par.empty": ("không được để trống", "must not be empty"),
    "par.list": ("cần một danh sách", "expected a list"),
    "par.table": ("cần một bảng (table)", "expected a table"),
    "par.due": ("cần dạng “MM-DD”, ví dụ “12-31”", "expected “MM-DD”, e.g. “12-31”"),
    "par.tiers_order": (
        "các mức phải giảm dần nghiêm ngặt theo ngưỡng: {a} rồi {b}",
        "tiers must strictly decrease by threshold: {a} then {b}",
    ),
    "par.tier_bound": (
        "mỗi mức cần đúng một trong “min” hoặc “above” và “points”",
        "each tier needs exactly one of “min” or “above”, and “points”",
    ),
    "par.dup_key": ("trùng khóa lựa chọn “{key}”", "duplicate option key “{key}”"),
    "par.late_order": (
        "các mức chậm phải tăng dần theo số ngày",
        "late entries must increase in days",
    ),
    # -- criteria file problems ---------------------------------------------------
    "crit.toml": ("không đọc được TOML: {error}", "cannot parse TOML: {error}"),
    "crit.read": ("không đọc được tệp: {error}", "cannot read the file: {error}"),
    "crit.missing_key": ("thiếu khóa bắt buộc “{key}”", "missing required key “{key}”"),
    "crit.unknown_key": ("khóa không hợp lệ “{key}”", "unknown key “{key}”"),
    "crit.bad_value": ("khóa “{key}”: {problem}", "key “{key}”: {problem}"),
    "crit.bad_code": (
        "mã “{code}” không hợp lệ (cần dạng 1, 1.2, 1.2.3)",
        "code “{code}” is not valid (expected 1, 1.2, 1.2.3)",
    ),
    "crit.dup_code": ("mã “{code}” bị trùng", "code “{code}” appears twice"),
    "crit.orphan": (
        "mã “{code}” không có nút cha “{parent}”",
        "code “{code}” has no parent “{parent}”",
    ),
    "crit.sum": (
        "điểm tối đa {max} khác tổng các nút con {total} ({children})",
        "maximum {max} differs from the sum of its children {total} ({children})",
    ),
    "crit.no_rule": ("tiêu chí lá thiếu quy tắc chấm (rule)", "leaf has no scoring rule"),
    "crit.rule_on_parent": (
        "nút có nút con không được có quy tắc chấm",
        "a node with children must not have a rule",
    ),
    "crit.unknown_kind": (
        "loại quy tắc không xác định “{kind}”{hint}; các loại đã biết: {known}",
        "unknown rule kind “{kind}”{hint}; known kinds: {known}",
    ),
    "crit.best_over": (
        "mức điểm cao nhất của quy tắc ({best}) vượt điểm tối đa {max}",
        "the rule's best outcome ({best}) exceeds the maximum {max}",
    ),
    "crit.best_under": (
        "mức điểm cao nhất của quy tắc ({best}) không đạt điểm tối đa {max}",
        "the rule's best outcome ({best}) cannot reach the maximum {max}",
    ),
    "crit.bands_order": (
        "các mức xếp loại phải giảm dần theo “min”: “{a}” ({amin}) rồi “{b}” ({bmin})",
        "bands must decrease by “min”: “{a}” ({amin}) then “{b}” ({bmin})",
    ),
    "crit.band_range": (
        "mức xếp loại “{name}”: min {min} ngoài khoảng 0–{scale}",
        "band “{name}”: min {min} outside 0–{scale}",
    ),
    "crit.years": ("“years” cần [năm đầu, năm cuối]", "“years” needs [first, last]"),
    "crit.role": (
        "“role” chỉ dùng cho lĩnh vực (nút cấp 1)",
        "“role” is for top-level nodes only",
    ),
    "crit.total_zero": ("tổng điểm tối đa bằng 0", "the total maximum is 0"),
    "crit.total": (
        "tổng điểm tối đa {total} khác thang điểm {scale}",
        "total maximum {total} differs from the scale {scale}",
    ),
    "crit.not_found": (
        "không tìm thấy bộ chỉ số “{ref}”; các bộ đã biết: {known}",
        "criteria set “{ref}” not found; known sets: {known}",
    ),
    "crit.dup_id": (
        "bộ chỉ số “{id}” được khai báo ở cả {a} và {b}",
        "criteria set “{id}” is defined in both {a} and {b}",
    ),
    # -- assessment file problems -------------------------------------------------
    "asm.unknown_code": (
        "mã “{code}” không có trong bộ chỉ số{hint}",
        "code “{code}” is not in the criteria set{hint}",
    ),
    "asm.did_you_mean": (" (có phải “{suggestion}”?)", " (did you mean “{suggestion}”?)"),
    "asm.not_leaf": (
        "mã “{code}” là nhóm tiêu chí, chỉ kê khai ở tiêu chí thành phần: {children}",
        "code “{code}” has sub-criteria; declare values on them: {children}",
    ),
    "asm.survey_answer": (
        "tiêu chí “{code}” lấy từ điều tra xã hội học, đơn vị không tự chấm; ghi vào bảng [survey]",
        "criterion “{code}” comes from the survey, units do not self-score it; use the [survey] table",
    ),
    "asm.not_survey": (
        "tiêu chí “{code}” không phải tiêu chí điều tra xã hội học",
        "criterion “{code}” is not a survey criterion",
    ),
    "asm.value": ("tiêu chí “{code}”: {problem}", "criterion “{code}”: {problem}"),
    "asm.appraisal_both": (
        "thẩm định “{code}”: ghi “value” hoặc “points”, không ghi cả hai",
        "appraisal “{code}”: give “value” or “points”, not both",
    ),
    "asm.appraisal_empty": (
        "thẩm định “{code}”: cần “value” hoặc “points”",
        "appraisal “{code}”: needs “value” or “points”",
    ),
    "asm.appraisal_reason": (
        "thẩm định “{code}” thay đổi điểm nhưng không ghi lý do (reason)",
        "appraisal “{code}” changes the score without a reason",
    ),
    "asm.wrong_criteria": (
        "tệp kê khai dùng bộ chỉ số “{got}”, nhưng đang chấm theo “{expected}”",
        "the assessment names criteria set “{got}” but is scored with “{expected}”",
    ),
    "asm.year": (
        "năm đánh giá {year} ngoài thời gian áp dụng của bộ chỉ số ({first}–{last})",
        "assessment year {year} is outside the years the set is in force ({first}–{last})",
    ),
    "asm.group": (
        "đơn vị thuộc nhóm “{unit}”, bộ chỉ số dành cho nhóm “{set}”",
        "the unit is in group “{unit}” but the set scores group “{set}”",
    ),
    "asm.unanswered": (
        "{count} tiêu chí chưa kê khai, tính 0 điểm: {codes}",
        "{count} criteria not declared, scored 0: {codes}",
    ),
    "asm.no_evidence": (
        "tiêu chí “{code}” được {points} điểm nhưng chưa có tài liệu kiểm chứng",
        "criterion “{code}” claims {points} points without evidence",
    ),
    "asm.claimed_differs": (
        "tiêu chí “{code}”: điểm tự chấm ghi {claimed}, tính theo quy tắc được {points}",
        "criterion “{code}”: typed self-score {claimed}, the rule gives {points}",
    ),
    "asm.na_reason": (
        "“{code}” được khai không áp dụng nhưng không ghi lý do",
        "“{code}” is claimed not applicable without a reason",
    ),
    "asm.dup_unit": (
        "mã đơn vị “{id}” xuất hiện ở cả {a} và {b}",
        "unit id “{id}” appears in both {a} and {b}",
    ),
    "asm.clamped": (
        "tổng điểm {raw} ngoài khoảng 0–{max}, đã giới hạn",
        "total {raw} is outside 0–{max}, clamped",
    ),
    "asm.no_files": ("không có tệp kê khai nào trong {path}", "no assessment files in {path}"),
    # -- report labels ------------------------------------------------------------
    "rep.rank": ("Hạng", "Rank"),
    "rep.unit": ("Đơn vị", "Unit"),
    "rep.group": ("Nhóm", "Group"),
    "rep.points": ("Điểm", "Points"),
    "rep.max": ("Tối đa", "Max"),
    "rep.index": ("Chỉ số", "Index"),
    "rep.band": ("Xếp loại", "Band"),
    "rep.lost": ("Mất", "Lost"),
    "rep.code": ("Mã", "Code"),
    "rep.title": ("Nội dung", "Title"),
    "rep.component": ("Lĩnh vực", "Component"),
    "rep.explanation": ("Giải thích", "Explanation"),
    "rep.na": ("không áp dụng", "not applicable"),
    "rep.pending": ("chờ điều tra XHH", "survey pending"),
    "rep.ranking": ("Xếp hạng nhóm “{group}”", "Ranking of group “{group}”"),
    "rep.summary": (
        "{unit}: {points}/{max} điểm, chỉ số {index}{band}{rank}",
        "{unit}: {points}/{max} points, index {index}{band}{rank}",
    ),
    "rep.summary_band": (", xếp loại {band}", ", band {band}"),
    "rep.summary_rank": (", hạng {rank}/{of}", ", rank {rank}/{of}"),
    "rep.stage.self": ("tự đánh giá", "self-assessment"),
    "rep.stage.appraised": ("sau thẩm định", "appraised"),
    "rep.header": (
        "{unit} ({group}) — {criteria}, năm {year}, {stage}",
        "{unit} ({group}) — {criteria}, year {year}, {stage}",
    ),
    "rep.lost_title": ("Mất điểm ở đâu", "Where the points were lost"),
    "rep.issues": ("Cảnh báo và lỗi", "Warnings and errors"),
    "rep.warning": ("cảnh báo", "warning"),
    "rep.error": ("lỗi", "error"),
    "rep.more_lost": (
        "… và {count} tiêu chí khác mất điểm (dùng --all để xem hết)",
        "… and {count} more criteria lost points (use --all to see them)",
    ),
    "rep.none_lost": ("Không mất điểm ở tiêu chí nào.", "No points lost anywhere."),
    # -- command line ----------------------------------------------------------------
    "cli.exists": (
        "{path}: tệp đã tồn tại; dùng --force để ghi đè",
        "{path}: already exists; use --force to replace it",
    ),
    "cli.is_input": (
        "{path}: đây là tệp đầu vào, không bao giờ bị ghi đè",
        "{path}: this is an input file; it is never overwritten",
    ),
    "cli.written": ("Đã ghi {path}", "Wrote {path}"),
    "cli.check_ok": (
        "{path}: hợp lệ — {id}, {nodes} nút, {leaves} tiêu chí chấm điểm, tổng {total} điểm",
        "{path}: valid — {id}, {nodes} nodes, {leaves} scored leaves, total {total} points",
    ),
    "cli.check_failed": ("{path}: {count} lỗi", "{path}: {count} errors"),
    "cli.no_sets": ("Chưa có bộ chỉ số nào.", "No criteria sets known."),
    "cli.bad_set": ("bỏ qua bộ chỉ số lỗi: {issue}", "skipping a broken criteria set: {issue}"),
    "cli.bad_option": ("tùy chọn --set “{text}” cần dạng MÃ=GIÁ_TRỊ",
                       "option --set “{text}” needs CODE=VALUE"),
    # -- report views (terminal breakdown, gains, province view) ------------------------
    # -- office files (Excel import, template, results workbook) ---------------------
    # -- plugins ---------------------------------------------------------------------
}
