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


def msg(key: str, /, **args: Any) -> Msg:
    # `key` is positional-only: many messages take an argument called `key`
    # (a TOML key path), e.g. msg("crit.missing_key", key="title").
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
    if isinstance(value, Mapping):  # a table typed where a value was expected
        from ._toml_write import value as toml_value

        try:  # as the person wrote it ({ a = 2.5 }), never a Python repr
            return toml_value(value)
        except (TypeError, ValueError):
            return "{ … }"
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
    "loc.row": ("dòng {row}", "row {row}"),
    # -- rule outcomes -------------------------------------------------------
    "unit.items": ("mục", "items"),
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
        "Share {share}% ({num}/{den}) is in the band {band} → {points}/{max} points",
    ),
    "out.tiers.percent": (
        "Tỷ lệ {share}% thuộc mức {band} → {points}/{max} điểm",
        "Share {share}% is in the band {band} → {points}/{max} points",
    ),
    "out.tiers.number": (
        "Số lượng {value}{unit} thuộc mức {band} → {points}/{max} điểm",
        "Count {value}{unit} is in the band {band} → {points}/{max} points",
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
        "“{raw}” không phải là lựa chọn hợp lệ{hint}; các lựa chọn: {options}",
        "“{raw}” is not a valid option{hint}; options: {options}",
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
    "par.at_most": ("không được lớn hơn điểm tối đa {max}", "must not exceed the maximum {max}"),
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
    "crit.child": ("{code}: {max}", "{code}: {max}"),
    "crit.toml": ("không đọc được TOML: {error}", "cannot parse TOML: {error}"),
    # QA: a TOML syntax error in the user's words (the parser's text is English)
    "toml.at": ("{problem} (dòng {line}, cột {col})", "{problem} (line {line}, column {col})"),
    "toml.plain": ("{problem}", "{problem}"),
    "toml.at_end": ("{problem} (ở cuối tệp)", "{problem} (at the end of the file)"),
    "toml.illegal_char": (
        "ký tự {detail} không được phép ở đây (ký tự điều khiển, hoặc một chuỗi chưa đóng "
        "ngoặc kép)",
        "character {detail} is not allowed here (a control character, or a string left "
        "unclosed)",
    ),
    "toml.invalid_value": (
        "giá trị không hợp lệ (chữ phải đặt trong dấu ngoặc kép \"…\", số thập phân "
        "viết với dấu chấm hoặc trong ngoặc kép \"96,5\")",
        "invalid value (text goes between double quotes \"…\", a decimal is written "
        "with a point or quoted \"96,5\")",
    ),
    "toml.overwrite": ("khóa này đã có giá trị ở trên (ghi hai lần)",
                       "this key already has a value above (written twice)"),
    "toml.declared_twice": ("bảng [ … ] này đã được khai báo ở trên (khai báo hai lần)",
                            "this [ … ] table is declared above already (declared twice)"),
    "toml.unterminated": ("chuỗi chưa có dấu ngoặc kép đóng", "a string without its closing quote"),
    "toml.no_equals": ("thiếu dấu = sau khóa", "missing = after a key"),
    "toml.trailing": ("thừa nội dung sau giá trị trên cùng dòng (mỗi dòng một khóa = giá trị)",
                      "something follows the value on its line (one key = value per line)"),
    "toml.invalid_statement": ("dòng này không phải khóa = giá trị hay [bảng]",
                               "this line is neither key = value nor a [table]"),
    "toml.unclosed_table": ("bảng {{ … }} chưa có dấu }} đóng",
                            "an inline table {{ … }} without its }}"),
    "toml.unclosed_array": ("danh sách [ … ] chưa có dấu ] đóng", "a list [ … ] without its ]"),
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
    "asm.survey_appraisal": (
        "tiêu chí “{code}” lấy từ điều tra xã hội học, không thẩm định; sửa giá trị trong bảng [survey]",
        "criterion “{code}” comes from the survey and is not appraised; correct its value in the [survey] table",
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
    "cli.format_suffix": (
        "--format {format} không ghi được vào tệp Excel {path}; bỏ --format hoặc dùng --format xlsx",
        "--format {format} cannot be written to the Excel file {path}; drop --format or use --format xlsx",
    ),
    "cli.bad_option": ("tùy chọn --set “{text}” cần dạng MÃ=GIÁ_TRỊ",
                       "option --set “{text}” needs CODE=VALUE"),
    # -- command-line QA: files read and written, numbers, survey CSV, usage errors -----
    "io.not_found": ("không có tệp hoặc thư mục này", "no such file or folder"),
    "io.is_dir": ("đây là thư mục, không phải tệp", "this is a folder, not a file"),
    "io.not_dir": ("một phần của đường dẫn là tệp, không phải thư mục",
                   "part of the path is a file, not a folder"),
    "io.denied": ("không có quyền truy cập", "permission denied"),
    "io.other": ("{error}", "{error}"),
    "io.not_utf8": (
        "không phải văn bản UTF-8 (byte 0x{byte} ở dòng {line}); hãy lưu lại tệp với mã hóa "
        "UTF-8 (hoặc Unicode)",
        "not UTF-8 text (byte 0x{byte} on line {line}); save the file again as UTF-8 "
        "(or Unicode)",
    ),
    "io.binary": ("đây là tệp Excel hoặc tệp nén, không phải tệp văn bản",
                  "this is an Excel or zip file, not a text file"),
    "io.too_deep": ("có mảng hoặc bảng lồng nhau quá sâu", "arrays or tables nested too deeply"),
    "io.long_number": ("có số nguyên dài hàng nghìn chữ số", "an integer thousands of digits long"),
    "val.finite": ("cần một số hữu hạn, nhận được {raw}", "expected a finite number, got {raw}"),
    "val.range": (
        "số nằm ngoài phạm vi chấp nhận (giá trị tuyệt đối dưới 10^15, tối đa 28 chữ số "
        "thập phân): {raw}",
        "number out of the accepted range (magnitude below 10^15, at most 28 decimal "
        "places): {raw}",
    ),
    "cli.not_a_file": (
        "{path}: không phải tệp thông thường (thư mục, thiết bị…), không ghi vào đây; "
        "bỏ -o để in ra màn hình",
        "{path}: not a regular file (a folder, a device…), not written to; "
        "leave out -o to print to the screen",
    ),
    "cli.write_failed": ("{path}: không ghi được tệp: {error}",
                         "{path}: cannot write the file: {error}"),
    "asm.criteria_file": (
        "không tìm thấy tệp bộ chỉ số “{ref}” (đã tìm cạnh tệp kê khai và trong thư mục "
        "hiện tại)",
        "criteria file “{ref}” not found (looked beside the assessment file and in the "
        "current folder)",
    ),
    "val.between": ("phải từ {first} đến {last}, nhận được {raw}",
                    "must be from {first} to {last}, got {raw}"),
    "cli.width": ("cần một số nguyên từ {min} trở lên, nhận được “{raw}”",
                  "needs a whole number of at least {min}, got “{raw}”"),
    "arg.required": ("thiếu đối số bắt buộc: {names}",
                     "the following arguments are required: {names}"),
    "arg.unrecognized": ("không hiểu đối số: {args}", "unrecognized arguments: {args}"),
    "arg.choice": ("{arg}: không có lựa chọn {value} (chọn một trong: {choices})",
                   "argument {arg}: invalid choice: {value} (choose from {choices})"),
    "arg.type": ("{arg}: giá trị không hợp lệ {value}", "argument {arg}: invalid value: {value}"),
    "arg.one": ("{arg}: cần một giá trị", "argument {arg}: expected one argument"),
    "arg.ambiguous": ("tùy chọn {option} không rõ, có thể là: {matches}",
                      "ambiguous option: {option} could match {matches}"),
    "arg.problem": ("{arg}: {problem}", "argument {arg}: {problem}"),
    "crit.is_assessment": (
        "đây là tệp kê khai của một đơn vị, không phải tệp bộ chỉ số; để chấm điểm: "
        "cchc-score score TỆP",
        "this is a unit's assessment file, not a criteria file; to score it: "
        "cchc-score score FILE",
    ),
    "office.xls": (
        "đây là tệp Excel 97–2003 (.xls); hãy mở bằng Excel và lưu lại dạng "
        "Excel Workbook (.xlsx)",
        "this is an Excel 97–2003 (.xls) file; open it in Excel and save it as an "
        "Excel Workbook (.xlsx)",
    ),
    "office.not_zip": (
        "không phải tệp .xlsx thật (có thể là tệp CSV hoặc văn bản đổi đuôi thành .xlsx)",
        "not a real .xlsx file (perhaps a CSV or text file renamed to .xlsx)",
    ),
    "office.form_no_value": (
        "trang “{sheet}” không có cột “{column}”: chỉ đọc được tử số/mẫu số, mọi giá trị kê "
        "khai khác coi như để trống",
        "sheet “{sheet}” has no column “{column}”: only numerators/denominators are read, "
        "every other declared value counts as blank",
    ),
    "svy.missing_column": (
        "thiếu cột “{column}” (cần các cột unit, code và value, hoặc một cột cho mỗi phương án "
        "trả lời A, B, …)",
        "missing column “{column}” (needs columns unit, code and value, or one column per "
        "answer option A, B, …)",
    ),
    "svy.duplicate": (
        "đơn vị “{unit}”, tiêu chí “{code}” đã có kết quả ở dòng {first}; mỗi đơn vị chỉ "
        "một dòng cho mỗi tiêu chí",
        "unit “{unit}”, criterion “{code}” already has a result on line {first}; one line "
        "per unit and criterion",
    ),
    "svy.unknown_units": (
        "{count} đơn vị trong tệp điều tra không có trong các tệp kê khai được chấm, kết quả "
        "của các đơn vị này không được dùng: {units}",
        "{count} units in the survey file are not among the assessment files scored; their "
        "results are not used: {units}",
    ),
    # -- report views (terminal breakdown, gains, province view) ------------------------
    # what to declare to reach a rule's next band (Rule.next_step)
    "need.option": ("chọn “{label}”", "choose “{label}”"),
    "need.on_time": ("ban hành đúng hạn, chậm nhất ngày {due}", "issue it on time, by {due}"),
    "need.late_by": (
        "ban hành chậm nhất ngày {date} (chậm không quá {days} ngày)",
        "issue it by {date} (at most {days} days late)",
    ),
    "need.issue": ("ban hành văn bản, dù chậm", "issue the document, even late"),
    "need.band": ("đạt mức {band}", "reach {band}"),
    "need.band_ratio": ("đạt mức {band}: ít nhất {num}/{den}", "reach {band}: at least {num}/{den}"),
    "need.share": ("đạt tỷ lệ {share}%", "reach a share of {share}%"),
    "need.share_ratio": (
        "đạt tỷ lệ {share}%: ít nhất {num}/{den}",
        "reach a share of {share}%: at least {num}/{den}",
    ),
    "need.fewer": ("giảm còn {count} {unit}", "bring it down to {count} {unit}"),
    "need.more": ("tăng lên {count} {unit}", "raise it to {count} {unit}"),
    "need.points": ("được chấm {points} điểm", "be awarded {points} points"),
    # the unit breakdown
    "view.meta": ("Nhóm {group} · năm {year} · {stage}", "Group {group} · year {year} · {stage}"),
    "view.source": ("Bộ chỉ số {id}: {issuer}, {decision}", "Criteria set {id}: {issuer}, {decision}"),
    "view.components": ("Điểm theo lĩnh vực", "Points by component"),
    "view.achieved": ("Đạt/Tối đa", "Points/Max"),
    "view.total": ("Tổng", "Total"),
    "view.item_max": ("{code} ({max} điểm)", "{code} ({max} points)"),
    "view.note_na": (
        "Không áp dụng, không tính vào điểm tối đa: {items}",
        "Not applicable, left out of the maximum: {items}",
    ),
    "view.note_pending": (
        "* Chờ kết quả điều tra xã hội học, không tính là mất điểm: {items}",
        "* Awaiting the survey, not counted as lost: {items}",
    ),
    "view.lost_head": (
        "Mất điểm ở đâu: {points} điểm ở {count} tiêu chí",
        "Where the points were lost: {points} points in {count} criteria",
    ),
    "view.risk_head": (
        "Điểm có rủi ro (tự chấm nhưng chưa có tài liệu kiểm chứng): {points} điểm ở {count} tiêu chí",
        "Points at risk (claimed without evidence): {points} points in {count} criteria",
    ),
    "view.appraisal_head": ("Tự đánh giá và thẩm định", "Self-assessment and appraisal"),
    "view.appraisal_totals": (
        "Tự đánh giá {own} điểm (chỉ số {own_index}) → sau thẩm định {points} điểm "
        "(chỉ số {index}), chênh lệch {diff}",
        "Self-assessed {own} points (index {own_index}) → appraised {points} points "
        "(index {index}), difference {diff}",
    ),
    "view.appraisal_none": (
        "Hội đồng thẩm định công nhận toàn bộ điểm tự chấm.",
        "The appraisal council recognised every self-assessed score.",
    ),
    "view.self": ("Tự chấm", "Self"),
    "view.appraised": ("Thẩm định", "Appraised"),
    "view.diff": ("Chênh", "Diff"),
    "view.reason": ("Lý do: {reason}", "Reason: {reason}"),
    "view.no_reason": ("(không ghi lý do)", "(no reason given)"),
    "view.reason_head": ("Lý do", "Reason"),
    "view.to_declare": ("Cần kê khai", "What to declare"),
    # where to gain, what-if
    "view.gains_head": (
        "Nơi có thể tăng điểm: {points} điểm có thể lấy lại ở {count} tiêu chí",
        "Where to gain: {points} points recoverable in {count} criteria",
    ),
    "view.gains_none": (
        "Không còn điểm nào có thể lấy lại từ nội dung kê khai.",
        "No points left to recover from declared facts.",
    ),
    "view.recoverable": ("Lấy lại", "Gain"),
    "view.next": (
        "Bậc tiếp theo: {need} → {points}/{max} điểm (+{gain})",
        "Next band: {need} → {points}/{max} points (+{gain})",
    ),
    "view.try": ("thử: --set {code}={value}", "try: --set {code}={value}"),
    "view.no_next": (
        "Quy tắc không gợi ý được bậc tiếp theo.",
        "The rule suggests no next band.",
    ),
    "view.whatif_head": (
        "Giả định (--set), tệp đầu vào không thay đổi",
        "What-if (--set), the input files are unchanged",
    ),
    "view.now": ("Hiện tại", "Now"),
    "view.whatif": ("Giả định", "What-if"),
    "view.whatif_leaf": ("{code}: {before} → {after} điểm ({diff})", "{code}: {before} → {after} points ({diff})"),
    "view.whatif_council": (
        "{code}: ở giai đoạn thẩm định, điểm do hội đồng quyết định; --set chỉ đổi giá trị tự kê khai",
        "{code}: at the appraised stage the council's entry decides; --set changed only the "
        "self-declared value",
    ),
    # the province view
    "view.change": ("So với năm trước", "vs last year"),
    "view.new": ("mới", "new"),
    "view.heat_head": (
        "Điểm mất theo lĩnh vực, nhóm “{group}”",
        "Points lost by component, group “{group}”",
    ),
    "view.heat_legend": (
        "Mỗi ô: điểm mất. · không mất; ░ dưới 10%; ▒ dưới 25%; ▓ dưới 50%; █ từ 50% điểm "
        "của lĩnh vực; — không áp dụng; … chờ điều tra XHH.",
        "Each cell: points lost. · none; ░ under 10%; ▒ under 25%; ▓ under 50%; █ 50% or more "
        "of the component's points; — not applicable; … survey pending.",
    ),
    "view.mean": ("TB nhóm", "Mean"),
    "view.mean_head": (
        "Trung bình nhóm “{group}” theo lĩnh vực",
        "Mean of group “{group}” by component",
    ),
    "view.mean_points": ("Điểm TB", "Mean pts"),
    "view.units": ("Số ĐV", "Units"),
    "view.lost_total": ("Tổng mất", "Lost"),
    # reading last year's results (--previous)
    "prev.format": (
        "không phải tệp kết quả JSON của cchc-score (--format json): {problem}",
        "not a cchc-score JSON result (--format json): {problem}",
    ),
    # QA: the JSON parser's own (English) message never reaches the user
    "prev.json_syntax": (
        "không đọc được JSON ở dòng {line}, cột {col}",
        "not valid JSON at line {line}, column {col}",
    ),
    # command line: what-if and focus
    "cli.set_unit": (
        "--set: đã chấm {count} đơn vị; chọn đơn vị bằng --unit MÃ_ĐV hoặc --set MÃ_ĐV:MÃ=GIÁ_TRỊ",
        "--set: {count} units were scored; choose one with --unit ID or --set ID:CODE=VALUE",
    ),
    "cli.unknown_unit": (
        "không có đơn vị “{id}” trong các tệp đã chấm; có: {known}",
        "no unit “{id}” among the scored files; known: {known}",
    ),
    # -- office files (Excel import, template, results workbook) ---------------------
    "office.no_openpyxl": (
        "cần gói openpyxl để đọc/ghi tệp Excel; cài bằng: pip install openpyxl "
        "(phần tùy chọn cchc-score[excel])",
        "the openpyxl package is needed for Excel files; install it with: "
        "pip install openpyxl (the optional cchc-score[excel] extra)",
    ),
    "office.unreadable": (
        "không mở được tệp Excel (.xlsx): {error}",
        "cannot open the Excel (.xlsx) file: {error}",
    ),
    "office.needs_output": (
        "định dạng {format} là tệp nhị phân: cần -o TỆP",
        "format {format} is a binary file: -o FILE is required",
    ),
    "office.at_row": ("dòng {row}: ", "row {row}: "),
    # importing a criteria workbook
    "office.no_sheet": (
        "không có trang tính “{sheet}”; các trang: {sheets}",
        "no sheet “{sheet}”; sheets: {sheets}",
    ),
    "office.no_header": (
        "trang “{sheet}”: không thấy dòng tiêu đề (STT, tiêu chí, điểm tối đa); nhận các cột "
        "theo nội dung (cột mã, cột số điểm, cột chữ dài nhất)",
        "sheet “{sheet}”: no header row (STT, criterion, maximum) found; columns are told by "
        "their content (codes, points, the longest text)",
    ),
    "office.no_nodes": ("không có tiêu chí nào trong bảng", "the table holds no criteria"),
    "office.no_year": (
        "không xác định được năm áp dụng từ bảng; ghi rõ bằng --year",
        "the year is not stated in the table; give it with --year",
    ),
    "office.bad_code": (
        "mã “{code}” không hợp lệ (cần dạng 1, 1.2, 1.2.3); sửa trong bảng hoặc dùng --fix-codes",
        "code “{code}” is not valid (expected 1, 1.2, 1.2.3); fix the table or use --fix-codes",
    ),
    "office.no_max": ("mã “{code}” thiếu điểm tối đa", "code “{code}” has no maximum"),
    "office.option_before_node": (
        "dòng “{text}” nằm trước tiêu chí đầu tiên, bỏ qua",
        "row “{text}” comes before the first criterion; ignored",
    ),
    "office.level_jump": (
        "mã “{code}” nhảy cấp (nút trên là “{parent}”)",
        "code “{code}” skips a level (the node above is “{parent}”)",
    ),
    "office.dup_code": (
        "mã “{code}” bị trùng với dòng {first}; theo cấu trúc bảng nên là “{expected}” — "
        "sửa trong bảng hoặc dùng --fix-codes",
        "code “{code}” repeats row {first}; by the table's structure it should be “{expected}” — "
        "fix the table or use --fix-codes",
    ),
    "office.misplaced_code": (
        "mã “{code}” không thuộc nút cha ở dòng trên; theo thứ tự dòng phải là “{expected}” — "
        "sửa trong bảng hoặc dùng --fix-codes",
        "code “{code}” does not belong under the node above; by row order it should be "
        "“{expected}” — fix the table or use --fix-codes",
    ),
    "office.code_order": (
        "mã “{code}” không liền số thứ tự (dự kiến “{expected}”); giữ nguyên",
        "code “{code}” breaks the numbering (expected “{expected}”); kept as printed",
    ),
    "office.code_fixed": (
        "sửa mã “{old}” → “{new}”: {why}",
        "code repaired “{old}” → “{new}”: {why}",
    ),
    "office.code_fixed_dup": (
        "sửa mã “{old}” (trùng dòng {first}) → “{new}”: {why}",
        "code repaired “{old}” (repeats row {first}) → “{new}”: {why}",
    ),
    "office.sum": (
        "điểm tối đa của “{code}” là {max} nhưng tổng các tiêu chí con là {total} ({children})",
        "the maximum of “{code}” is {max} but its children add up to {total} ({children})",
    ),
    "office.total_differs": (
        "dòng tổng cộng ghi {total}, tổng các lĩnh vực là {sum}",
        "the total row says {total}; the components add up to {sum}",
    ),
    "office.options_on_parent": (
        "“{code}” có tiêu chí con nhưng cũng có {count} dòng phương án chấm; bỏ qua các dòng này",
        "“{code}” has sub-criteria and also {count} option rows; the option rows are ignored",
    ),
    "office.points_differ": (
        "điểm ghi trong nội dung ({text}) khác cột điểm ({cell}); lấy theo nội dung",
        "the points in the text ({text}) differ from the points column ({cell}); "
        "the text is used",
    ),
    "office.option_over": (
        "phương án “{text}” cho {points} điểm, vượt điểm tối đa {max}; tính bằng {max}",
        "option “{text}” gives {points} points, above the maximum {max}; counted as {max}",
    ),
    "office.no_options": (
        "không có dòng phương án chấm: chấm tay (manual) trong khoảng điểm tối đa — "
        "cần hoàn thiện",
        "no option rows: manual points within its maximum — to be finished",
    ),
    "office.option_no_points": (
        "phương án “{text}” không ghi điểm: chấm tay (manual) — cần hoàn thiện",
        "option “{text}” has no points: manual points — to be finished",
    ),
    "office.unreadable_options": (
        "không đọc được cách chấm từ các phương án: chấm tay (manual) trong khoảng "
        "điểm tối đa, giữ nguyên văn trong source_text — cần hoàn thiện",
        "the options could not be read as a rule: manual points within the "
        "maximum, the text kept in source_text — to be finished",
    ),
    "office.band_overlap": (
        "“{text}”: mức này và mức trên cùng chứa giá trị {hi}; đọc theo nửa khoảng: "
        "từ {lo} đến dưới {hi}",
        "“{text}”: this band and the one above both include {hi}; read half-open: "
        "from {lo} to under {hi}",
    ),
    "office.band_gap": (
        "“{text}”: cận của mức này không khớp với mức trên ({hi}); đọc là từ {lo} đến dưới {hi}",
        "“{text}”: this band's bound does not meet the band above ({hi}); read as from {lo} "
        "to under {hi}",
    ),
    "office.band_no_upper": (
        "“{text}”: thiếu cận trên; đọc là từ {lo} đến dưới {hi}",
        "“{text}”: the upper bound is missing; read as from {lo} to under {hi}",
    ),
    "office.band_points_order": (
        "“{text}”: mức thấp hơn nhưng nhiều điểm hơn mức trên",
        "“{text}”: a lower band scores more than the band above",
    ),
    "office.band_stray_up": (
        "“{text}”: ghi cả khoảng và “trở lên”; đọc theo khoảng",
        "“{text}”: gives both a range and “trở lên” (or more); read as the range",
    ),
    "office.stray_quote": (
        "“{text}”: dấu ngoặc kép thừa; bỏ khỏi nhãn lựa chọn",
        "“{text}”: a stray quotation mark; dropped from the option's label",
    ),
    "office.best_under": (
        "phương án cao nhất ({best}) không đạt điểm tối đa {max}; giữ như bản gốc",
        "the best option ({best}) cannot reach the maximum {max}; kept as printed",
    ),
    "office.hdr_imported": (
        "Nhập bằng `cchc-score import-criteria` {version} từ tệp {file}",
        "Imported by `cchc-score import-criteria` {version} from {file}",
    ),
    "office.hdr_counts": (
        "  trang “{sheet}”, dòng tiêu đề {row}: {nodes} nút, {leaves} tiêu chí chấm điểm, "
        "{manual} chấm tay",
        "  sheet “{sheet}”, header row {row}: {nodes} nodes, {leaves} scored leaves, "
        "{manual} manual",
    ),
    "office.hdr_defects": (
        "Các lỗi của bảng gốc (cũng ghi trong [source].defects):",
        "Defects of the source table (also in [source].defects):",
    ),
    "office.hdr_manual": (
        "Cần hoàn thiện bằng tay (chấm tay, chưa đọc được cách chấm): {codes}",
        "To be finished by hand (manual points, rule not read): {codes}",
    ),
    "office.node_manual": (
        "CẦN XEM LẠI: chưa đọc được cách chấm; thay quy tắc manual bằng quy tắc đúng",
        "TO REVIEW: the rule could not be read; replace the manual rule with the right one",
    ),
    "office.node_survey": (
        "Tiêu chí đo bằng ý kiến người dân (điều tra xã hội học): method = \"survey\"",
        "Measured by people's opinions (sociological survey): method = \"survey\"",
    ),
    "office.unknown_issuer": ("(chưa ghi cơ quan ban hành)", "(issuer not given)"),
    "office.unknown_decision": ("(chưa ghi số quyết định)", "(decision not given)"),
    "office.src_note": ("Nhập từ bảng tiêu chí {file}.", "Imported from the criteria table {file}."),
    "office.src_provenance": (
        "tệp {file}, sha256:{digest}, trang “{sheet}”",
        "file {file}, sha256:{digest}, sheet “{sheet}”",
    ),
    "office.imported": (
        "Đã ghi {path}: bộ chỉ số “{id}”, {nodes} nút, {leaves} tiêu chí chấm điểm "
        "({manual} chấm tay), tổng {total} điểm",
        "Wrote {path}: criteria set “{id}”, {nodes} nodes, {leaves} scored leaves "
        "({manual} manual), total {total} points",
    ),
    "office.import_failed": (
        "{path}: {count} lỗi, chưa ghi tệp tiêu chí",
        "{path}: {count} errors, no criteria file written",
    ),
    # -- importing any annex (issue 13): code repair by structure, options by
    # shape, Word annexes, files to convert first -----------------------------------
    "office.why_missing_dot": ("thiếu dấu chấm", "a missing dot"),
    "office.why_extra_dot": ("thừa dấu chấm", "an extra dot"),
    "office.why_swapped": ("hai chữ số bị đảo", "two digits swapped"),
    "office.why_duplicate": ("mã bị trùng, lấy số kế tiếp", "a repeated code: the next number"),
    "office.why_skipped": ("nhảy số thứ tự", "a skipped number"),
    "office.why_number": (
        "sai một số trong mã (không thuộc nút cha ở dòng trên)",
        "one number of the code wrong (not under the node above)",
    ),
    "office.why_order": ("theo thứ tự dòng", "by row order"),
    "office.why_rejected": (
        "{why}; cách sửa khác ({others}) làm lệch cấu trúc bảng (tổng điểm, phương án, mã sau)",
        "{why}; the other repairs ({others}) break the table's structure (sums, options, "
        "later codes)",
    ),
    "office.hdr_counts_word": (
        "  các bảng tiêu chí trong tệp Word, dòng tiêu đề {row}: {nodes} nút, {leaves} tiêu chí "
        "chấm điểm, {manual} chấm tay",
        "  the Word file's criteria tables, header row {row}: {nodes} nodes, {leaves} scored "
        "leaves, {manual} manual",
    ),
    "office.src_provenance_word": (
        "tệp {file}, sha256:{digest}, các bảng tiêu chí",
        "file {file}, sha256:{digest}, the criteria tables",
    ),
    "office.word_table_skipped": (
        "bảng thứ {table} của tệp Word ({rows} dòng) có mã tiêu chí nhưng không có dòng tiêu "
        "đề và khác số cột với bảng tiêu chí trước nó: bỏ qua; thêm dòng tiêu đề (STT, nội "
        "dung, điểm tối đa) cho bảng đó rồi nhập lại",
        "table {table} of the Word file ({rows} rows) holds criterion codes but has no header "
        "row and another number of columns than the criteria table before it: left out; give "
        "it a header row (STT, content, maximum) and import again",
    ),
    "office.subtotal_differs": (
        "dòng cộng của lĩnh vực “{code}” ghi {total}, điểm tối đa của lĩnh vực là {max}",
        "the subtotal row of component “{code}” says {total}; its maximum is {max}",
    ),
    "office.why_malformed": ("mã viết sai dạng", "a malformed code"),
    "office.code_suspect": (
        "mã “{code}” không khớp cấu trúc bảng; có lẽ là “{expected}” ({why}) — sửa trong bảng "
        "hoặc dùng --fix-codes",
        "code “{code}” does not fit the table's structure; probably “{expected}” ({why}) — "
        "fix the table or use --fix-codes",
    ),
    "office.candidate": ("“{code}” ({why})", "“{code}” ({why})"),
    "office.code_ambiguous": (
        "mã “{code}”: hai cách sửa khớp cấu trúc bảng như nhau: {options}; sửa mã trong bảng "
        "rồi nhập lại",
        "code “{code}”: two repairs fit the table's structure equally: {options}; fix the "
        "code in the table and import again",
    ),
    "office.options_coded": (
        "các dòng {rows} (mã {codes}) là phương án chấm của “{code}” chứ không phải tiêu chí "
        "con (đọc như phương án; tổng điểm của chúng khác điểm tối đa, mức cao nhất bằng "
        "điểm tối đa); kiểm tra lại bảng",
        "rows {rows} (codes {codes}) are the scoring options of “{code}”, not sub-criteria "
        "(read as options: their points do not add up to the maximum, the best equals it); "
        "check the table",
    ),
    "office.convert": (
        "không đọc trực tiếp được tệp {suffix}; mở bằng Excel/Word hoặc LibreOffice và lưu "
        "lại dạng .{target} (hoặc: soffice --headless --convert-to {target} TỆP), rồi nhập "
        "tệp .{target}",
        "{suffix} files cannot be read directly; open it in Excel/Word or LibreOffice and "
        "save it as .{target} (or: soffice --headless --convert-to {target} FILE), then "
        "import the .{target} file",
    ),
    "office.doc": (
        "đây là tệp Word 97–2003 (.doc); hãy mở bằng Word và lưu lại dạng Word Document "
        "(.docx)",
        "this is a Word 97–2003 (.doc) file; open it in Word and save it as a Word "
        "Document (.docx)",
    ),
    "office.unreadable_docx": (
        "không mở được tệp Word (.docx): {error}",
        "cannot open the Word (.docx) file: {error}",
    ),
    "office.no_docx": (
        "cần gói python-docx để đọc tệp Word; cài bằng: pip install python-docx "
        "(phần tùy chọn cchc-score[word])",
        "the python-docx package is needed for Word files; install it with: "
        "pip install python-docx (the optional cchc-score[word] extra)",
    ),
    "office.no_word_table": (
        "không thấy bảng tiêu chí trong tệp Word (cần một bảng có dòng tiêu đề STT và "
        "tiêu chí/nội dung)",
        "no criteria table in the Word file (a table whose header names STT and the "
        "criterion/content is needed)",
    ),
    # the self-assessment form
    "office.form_no_table": (
        "không thấy bảng tự chấm (dòng tiêu đề có STT, nội dung, giá trị kê khai) trong các "
        "trang: {sheets}",
        "no self-assessment table (a header row with STT, title and declared value) in the "
        "sheets: {sheets}",
    ),
    "office.form_no_info": (
        "thiếu trang “{sheet}” (bộ chỉ số, năm, đơn vị)",
        "the “{sheet}” sheet (criteria set, year, unit) is missing",
    ),
    "office.form_year": ("năm đánh giá “{raw}” không hợp lệ", "assessment year “{raw}” is not valid"),
    "office.form_no_code": (
        "dòng có số liệu nhưng không có mã tiêu chí (STT); bỏ qua",
        "this row has data but no criterion code (STT); ignored",
    ),
    "office.form_half_ratio": (
        "“{code}”: cần cả tử số và mẫu số",
        "“{code}”: both numerator and denominator are needed",
    ),
    "office.form_bad_number": (
        "“{code}”: cột {column} cần một số, nhận được “{raw}”",
        "“{code}”: column {column} needs a number, got “{raw}”",
    ),
    "office.form_bad_date": (
        "“{code}”: ngày văn bản “{raw}” không hợp lệ (dd/mm/yyyy)",
        "“{code}”: document date “{raw}” is not valid (dd/mm/yyyy)",
    ),
    "office.form_dup_code": (
        "mã “{code}” xuất hiện hai lần (dòng {first}); lấy dòng đầu",
        "code “{code}” appears twice (row {first}); the first row is used",
    ),
    "office.form_hint_survey": (
        "Điều tra xã hội học: tỉnh cung cấp kết quả, đơn vị không kê khai",
        "Sociological survey: the province supplies the result; units do not declare it",
    ),
    "office.form_title": ("BẢNG TỰ CHẤM ĐIỂM CẢI CÁCH HÀNH CHÍNH", "ADMINISTRATIVE REFORM SELF-ASSESSMENT"),
    # blank assessments (TOML template and the form's guidance column)
    "office.tpl_header": (
        "Bảng kê khai tự đánh giá theo bộ chỉ số “{title}” ({id})",
        "Self-assessment to fill for the criteria set “{title}” ({id})",
    ),
    "office.tpl_howto": (
        "Với mỗi tiêu chí: bỏ dấu # ở dòng `value = …` và ghi số liệu thực tế; ghi tài liệu\n"
        "kiểm chứng vào evidence. Không nhập điểm: điểm được tính từ số liệu kê khai.\n"
        "Chấm thử: cchc-score score {file}",
        "For each criterion: uncomment `value = …` and write the actual fact; list the\n"
        "evidence in `evidence`. Do not type points: they are computed from the facts.\n"
        "Score it: cchc-score score {file}",
    ),
    "office.tpl_tags": (
        "tags: nhãn đơn vị dùng cho điều kiện áp dụng (applies) của bộ chỉ số",
        "tags: unit tags used by the set's applicability rules (applies)",
    ),
    "office.tpl_node": ("{code} {title} — tối đa {max} điểm", "{code} {title} — max {max} points"),
    "office.tpl_survey": (
        "Điều tra xã hội học: tỉnh cung cấp kết quả, đơn vị không kê khai.",
        "Sociological survey: the province supplies the result; units do not declare it.",
    ),
    "office.tpl_evidence": (
        "tài liệu kiểm chứng: {{ number = \"…\", date = 2024-01-20, title = \"…\" }}",
        "evidence: {{ number = \"…\", date = 2024-01-20, title = \"…\" }}",
    ),
    "office.tpl_na": (
        "Tiêu chí không áp dụng cho đơn vị: \"mã\" = \"lý do\"",
        "Criteria that do not apply to the unit: \"code\" = \"reason\"",
    ),
    "office.tpl_what": ("Kê khai: {what}", "Declare: {what}"),
    "office.tpl_bool": ("có / không (true / false)", "yes / no (true / false)"),
    "office.tpl_yes": ("“{label}” (true) → {points} điểm", "“{label}” (true) → {points} points"),
    "office.tpl_no": ("“{label}” (false) → {points} điểm", "“{label}” (false) → {points} points"),
    "office.tpl_choice": ("một lựa chọn (mã hoặc nội dung)", "one option (its key or label)"),
    "office.tpl_option": ("“{key}”: {label} → {points} điểm", "“{key}”: {label} → {points} points"),
    "office.tpl_deadline": (
        "ngày ban hành văn bản (YYYY-MM-DD), hạn {due}; false nếu không ban hành",
        "the document's date (YYYY-MM-DD), due {due}; false when not issued",
    ),
    "office.tpl_on_time": ("đúng hạn (đến {due}) → {points} điểm", "on time (by {due}) → {points} points"),
    "office.tpl_late": (
        "chậm đến {days} ngày → {points} điểm",
        "up to {days} days late → {points} points",
    ),
    "office.tpl_later": ("chậm hơn → {points} điểm", "later → {points} points"),
    "office.tpl_missing": ("không ban hành → {points} điểm", "not issued → {points} points"),
    "office.tpl_band": ("{band} → {points} điểm", "{band} → {points} points"),
    "office.tpl_zero_full": (
        "không phát sinh (0/0) → đạt tối đa",
        "none arose (0/0) → full points",
    ),
    "office.tpl_zero_na": ("không phát sinh (0/0) → không áp dụng", "none arose (0/0) → not applicable"),
    "office.tpl_zero_zero": ("không phát sinh (0/0) → 0 điểm", "none arose (0/0) → 0 points"),
    "office.tpl_percent": ("tỷ lệ phần trăm 0–100, ví dụ 96,5", "a share in percent 0–100, e.g. 96.5"),
    "office.tpl_ratio": (
        "tử số/mẫu số, ví dụ \"193/200\"",
        "numerator/denominator, e.g. \"193/200\"",
    ),
    "office.tpl_number": ("số lượng{unit}", "a count{unit}"),
    "office.tpl_proportional": ("điểm = {max} × tỷ lệ", "points = {max} × the share"),
    "office.tpl_deduction": (
        "mỗi mục trừ {per_item} điểm, từ {max}",
        "each item takes {per_item} points off {max}",
    ),
    "office.tpl_bonus": (
        "mỗi mục cộng {per_item} điểm, tối đa {cap}",
        "each item adds {per_item} points, at most {cap}",
    ),
    "office.tpl_points": ("số điểm 0–{max}{step}", "points 0–{max}{step}"),
    "office.tpl_step": (", bước {step}", ", in steps of {step}"),
    "office.dv_list": ("Chọn một mục trong danh sách", "Pick one item from the list"),
    "office.dv_decimal": ("Một số từ 0 đến {max} (dấu phẩy thập phân)", "A number from 0 to {max}"),
    "office.dv_whole": ("Một số nguyên không âm", "A whole number, 0 or more"),
    "office.dv_date": (
        "Ngày dd/mm/yyyy; ghi “không” nếu văn bản không được ban hành",
        "A date dd/mm/yyyy; write “không” when the document was not issued",
    ),
    "office.dv_error": ("Giá trị không hợp lệ cho ô này", "Not a valid value for this cell"),
    "office.info_field": ("Thông tin", "Field"),
    "office.info_value": ("Giá trị", "Value"),
    "office.info_howto": (
        "Cách điền: ở trang “Tự chấm”, với mỗi tiêu chí thành phần ghi kết quả thực hiện vào "
        "ô màu vàng (chọn trong danh sách, ghi tỷ lệ %, số lượng, ngày, hoặc tử số và mẫu "
        "số), kèm số, ngày, trích yếu văn bản kiểm chứng. Điểm do cchc-score tính từ số liệu; "
        "cột “Điểm tự chấm” (nếu ghi) được đối chiếu và báo khi khác. Không sửa cột STT.\n"
        "Chấm: cchc-score score TỆP.xlsx",
        "How to fill: on the “Tự chấm” sheet, for each sub-criterion write the result in the "
        "yellow cells (pick from the list, or write a percentage, a count, a date, or a "
        "numerator and denominator), with the evidence's number, date and title. cchc-score "
        "computes the points; typed self-scores are compared and differences reported. Do "
        "not change the STT column.\nScore it: cchc-score score FILE.xlsx",
    ),
    # the results workbook
    "office.res_ranking": ("Xếp hạng", "Ranking"),
    "office.res_title": (
        "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year} ({stage}) — {criteria}",
        "ADMINISTRATIVE REFORM INDEX {year} ({stage}) — {criteria}",
    ),
    # QA: the ranking sheet of units scored with several criteria sets
    "office.res_title_sets": (
        "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year} ({stage})",
        "ADMINISTRATIVE REFORM INDEX {year} ({stage})",
    ),
    "office.res_unit_id": ("Mã đơn vị", "Unit id"),
    "office.res_self": ("Điểm tự chấm", "Self-assessed points"),
    "office.res_appraised": ("Điểm thẩm định", "Appraised points"),
    "office.res_final": ("Điểm đạt được", "Points achieved"),
    "office.res_max": ("Điểm tối đa (chuẩn)", "Maximum points"),
    "office.res_stt": ("STT", "No."),
    "office.res_node": ("Lĩnh vực/ Tiêu chí/ Tiêu chí thành phần", "Component / criterion / sub-criterion"),
    "office.res_notes": ("Ghi chú", "Notes"),
    "office.res_lost": ("Điểm bị mất", "Points lost"),
    "office.res_total": ("Tổng cộng", "Total"),
    # -- Word report (score --format docx) ------------------------------------------------
    "word.no_docx": (
        "cần gói python-docx để ghi tệp Word; cài bằng: pip install python-docx "
        "(phần tùy chọn cchc-score[word])",
        "the python-docx package is needed for Word files; install it with: "
        "pip install python-docx (the optional cchc-score[word] extra)",
    ),
    "word.format_suffix": (
        "--format {format} không ghi được vào tệp Word {path}; bỏ --format hoặc dùng --format docx",
        "--format {format} cannot be written to the Word file {path}; drop --format or use --format docx",
    ),
    "word.title.self": (
        "BÁO CÁO KẾT QUẢ TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}",
        "ADMINISTRATIVE REFORM INDEX {year}: SELF-ASSESSMENT REPORT",
    ),
    "word.title.appraised": (
        "BÁO CÁO KẾT QUẢ THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}",
        "ADMINISTRATIVE REFORM INDEX {year}: APPRAISAL REPORT",
    ),
    "word.ranking_title": (
        "KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year} ({stage})",
        "ADMINISTRATIVE REFORM INDEX {year}: RANKING ({stage})",
    ),
    "word.criteria": ("Bộ chỉ số {id}: {title}", "Criteria set {id}: {title}"),
    # -- HTML report (score --format html) and the web pages (serve) -------------------
    # -- administrative documents (Nghị định 30/2020/NĐ-CP) and printed forms -------------
    "adm.nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
    "adm.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "adm.number": ("Số:       /{symbol}", "No.:       /{symbol}"),
    "adm.place_date": ("…………, ngày …… tháng …… năm ……", "…………, date …… / …… / ……"),
    "adm.recipients": ("Nơi nhận:", "Recipients:"),
    "adm.archive": ("Lưu: VT", "File: office records (VT)"),
    "adm.sign_note": ("(Ký tên, đóng dấu)", "(Signature and seal)"),
    "adm.head_unit": ("Thủ trưởng đơn vị", "Head of the unit"),
    "adm.head_body": ("Thủ trưởng cơ quan", "Head of the body"),
    "adm.to_council": ("Hội đồng thẩm định Chỉ số CCHC", "The PAR index appraisal council"),
    "adm.to_units": ("Các đơn vị được đánh giá", "The units assessed"),
    "adm.preparer": ("Người lập biểu", "Prepared by"),
    "adm.sign_name": ("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
    "adm.page_footer": ("Trang &P/&N", "Page &P of &N"),
    "form.pick": ("Chọn: {options}", "Pick: {options}"),
    "form.outcome": ("{label}: {points} điểm", "{label}: {points} points"),
    "form.deadline": (
        "Nhập ngày ban hành văn bản (ngày/tháng/năm), hạn {due}; ghi “không” nếu không ban hành",
        "Type the document's date (day/month/year), due {due}; “no” when it was not issued",
    ),
    "form.ratio": (
        "Nhập tử số và mẫu số vào hai cột “Tử số”, “Mẫu số”",
        "Type the numerator and the denominator in the “Tử số” and “Mẫu số” columns",
    ),
    "form.unit_year": ("Đơn vị: {unit} — năm {year}", "Unit: {unit} — year {year}"),
    # -- the web page (cchc-score serve) ------------------------------------------------
    "web.skip": ("Chuyển đến nội dung", "Skip to content"),
    "web.nav_province": ("Tất cả đơn vị", "All units"),
    "web.title_province": ("Các đơn vị trong thư mục", "Units in the folder"),
    "web.folder": ("Thư mục {path}", "Folder {path}"),
    "web.count": ("{count} đơn vị đã chấm", "{count} units scored"),
    "web.stage": ("Giai đoạn", "Stage"),
    "web.show": ("Xem", "Show"),
    "web.problems": ("Tệp chưa chấm được", "Files that could not be scored"),
    "web.no_units": ("Chưa có tệp kê khai nào chấm được trong thư mục này.",
                     "No assessment file in this folder could be scored yet."),
    "web.new_head": ("Tạo đơn vị mới từ mẫu", "A new unit from the template"),
    "web.new_set": ("Bộ chỉ số", "Criteria set"),
    "web.new_id": ("Mã đơn vị (tên tệp)", "Unit id (the file's name)"),
    "web.new_name": ("Tên đơn vị", "Unit name"),
    "web.new_submit": ("Tạo tệp kê khai", "Create the assessment file"),
    "web.back": ("← Tất cả đơn vị", "← All units"),
    "web.max": ("tối đa {max}", "max {max}"),
    "web.leaf_points": ("Điểm", "Points"),
    "web.survey": ("Chấm theo kết quả điều tra xã hội học của tỉnh: đơn vị không tự kê khai.",
                   "Scored from the province's survey: units do not declare it."),
    "web.value": ("Kê khai", "Declared"),
    "web.choose": ("— chưa chọn —", "— not chosen —"),
    "web.more": ("Tài liệu kiểm chứng ({count}), ghi chú, không áp dụng",
                 "Evidence ({count}), note, not applicable"),
    "web.evidence": ("Tài liệu kiểm chứng", "Evidence"),
    "web.ev_number": ("Số, ký hiệu", "Number"),
    "web.ev_date": ("Ngày", "Date"),
    "web.ev_title": ("Trích yếu", "Summary"),
    "web.note": ("Ghi chú, giải trình", "Note, explanation"),
    "web.na": ("Không áp dụng cho đơn vị", "Does not apply to this unit"),
    "web.na_reason": ("Lý do không áp dụng", "Why it does not apply"),
    "web.save": ("Lưu vào tệp", "Save to the file"),
    "web.unsaved": ("Chưa lưu: kết quả bên cạnh là giả định theo nội dung đang nhập.",
                    "Not saved: the results beside are a what-if of what is typed."),
    "web.saved": ("Đã lưu {file}.", "Saved {file}."),
    "web.conflict": (
        "Chưa lưu: tệp {file} đã bị thay đổi trên đĩa sau khi trang này được mở. "
        "Tải lại để xem nội dung mới (những gì vừa nhập ở đây sẽ mất).",
        "Not saved: {file} changed on disk after this page was opened. Reload to see "
        "its new contents (what was typed here will be lost).",
    ),
    "web.reload": ("Tải lại tệp", "Reload the file"),
    "web.council_points": ("Hội đồng thẩm định chấm {points} điểm. Lý do: {reason}",
                           "The appraisal council gave {points} points. Reason: {reason}"),
    "web.council_value": ("Hội đồng thẩm định ghi nhận giá trị {value}. Lý do: {reason}",
                          "The appraisal council recorded the value {value}. Reason: {reason}"),
    "web.brief": ("{points}/{max} điểm · chỉ số {index}{rank}", "{points}/{max} points · index {index}{rank}"),
    "web.brief_rank": (" · hạng {rank}/{of}", " · rank {rank}/{of}"),
    "web.whatif_head": ("Giả định: nội dung đang nhập so với tệp đã lưu",
                        "What-if: what is typed against the saved file"),
    "web.live": ("Kết quả", "Results"),
    "web.downloads": ("Tải về", "Downloads"),
    "web.dl_file": ("Tệp kê khai", "The assessment file"),
    "web.dl_docx": ("Báo cáo Word", "Word report"),
    "web.dl_html": ("Báo cáo HTML", "HTML report"),
    "web.dl_json": ("Kết quả JSON", "JSON results"),
    "web.excel_note": (
        "Biểu mẫu Excel: khi lưu, nội dung được ghi vào các ô của biểu mẫu (tài liệu thứ hai trở đi chỉ giữ trích yếu, như cột của biểu mẫu).",
        "An Excel form: saving writes into the form's cells (from the second document on only the summary is kept, as the form's column holds).",
    ),
    "web.error_title": ("Lỗi {code}", "Error {code}"),
    "web.home": ("Về trang các đơn vị", "Back to the units"),
    "web.err_host": (
        "Trang này chỉ phục vụ máy này (127.0.0.1 hoặc localhost); địa chỉ đã dùng không được chấp nhận.",
        "This page serves this machine only (127.0.0.1 or localhost); the address used is refused.",
    ),
    "web.err_token": (
        "Cần mã truy cập được in ra khi khởi động cchc-score serve (địa chỉ có ?token=…).",
        "The access token printed when cchc-score serve started is needed (the address with ?token=…).",
    ),
    "web.err_csrf": (
        "Yêu cầu ghi không đến từ trang của cchc-score nên bị từ chối. Mở lại trang rồi thử lại.",
        "A write that does not come from cchc-score's own page is refused. Open the page again and retry.",
    ),
    "web.err_400": ("Yêu cầu không hợp lệ.", "The request is not valid."),
    "web.err_403": ("Không được phép.", "Not allowed."),
    "web.err_404": ("Không có trang hoặc tệp này trong thư mục.", "No such page or file in the folder."),
    "web.err_405": ("Trang này không nhận cách gửi này.", "This page does not take this method."),
    "web.err_409": ("Xung đột với tệp trên đĩa.", "A conflict with the file on disk."),
    "web.err_413": ("Dữ liệu gửi lên quá lớn (tối đa {limit} MB).", "What was sent is too large (at most {limit} MB)."),
    "web.err_500": (
        "Có lỗi ngoài dự kiến; chưa có gì bị ghi. Chi tiết nằm trong cửa sổ dòng lệnh đang chạy cchc-score serve.",
        "Something unexpected went wrong; nothing was written. The details are in the terminal running cchc-score serve.",
    ),
    "web.err_unit_id": (
        "Mã đơn vị chỉ gồm chữ không dấu, số, “-” và “_” (tối đa 64 ký tự).",
        "A unit id holds only letters without accents, digits, “-” and “_” (at most 64).",
    ),
    "web.err_criteria": ("Không có bộ chỉ số này.", "No such criteria set."),
    "web.err_upload_type": (
        "Chỉ nhận tệp kê khai .toml (văn bản UTF-8) hoặc biểu mẫu Excel .xlsx, tối đa {limit} MB.",
        "Only a .toml assessment file (UTF-8 text) or an .xlsx Excel form is accepted, at most {limit} MB.",
    ),
    "web.upload_head": ("Thêm tệp kê khai hoặc biểu mẫu Excel", "Add an assessment file or Excel form"),
    "web.upload_file": ("Tệp (.toml hoặc .xlsx, tối đa 2 MB)", "File (.toml or .xlsx, at most 2 MB)"),
    "web.upload_submit": ("Tải lên", "Upload"),
    "web.err_exists": ("Đã có tệp {name}; chọn mã đơn vị khác.", "{name} already exists; choose another unit id."),
    "web.no_folder": ("{path}: không phải thư mục", "{path}: not a folder"),
    "web.needs_flag": (
        "--host {host} mở trang cho các máy khác; thêm --allow-network nếu đúng ý bạn (mỗi truy cập sẽ cần mã in ra khi khởi động)",
        "--host {host} opens the page to other machines; add --allow-network if that is meant (every request will then need the token printed at start)",
    ),
    "web.no_flask": (
        "cần gói Flask để mở trang web; cài bằng: pip install flask (phần tùy chọn cchc-score[web])",
        "the Flask package is needed for the web page; install it with: pip install flask (the optional cchc-score[web] extra)",
    ),
    "web.cannot_listen": ("không mở được {host}:{port}: {error}", "cannot listen on {host}:{port}: {error}"),
    "web.started": (
        "cchc-score đang phục vụ thư mục {folder} tại {url} — mở địa chỉ này trong trình duyệt; Ctrl+C để dừng.",
        "cchc-score serves the folder {folder} at {url} — open it in a browser; Ctrl+C stops it.",
    ),
    "web.token": ("Địa chỉ kèm mã truy cập (chỉ gửi cho người được phép): {url}",
                  "The address with the access token (give it only to those allowed): {url}"),
    # -- plugins ---------------------------------------------------------------------
    "plg.problem": ("plugin “{plugin}”: {problem}", "plugin “{plugin}”: {problem}"),
    # what became of it: the plugin dropped, one hook call ignored, or (strict) the run stopped
    "plg.then.skipped": ("{text}; đã bỏ qua plugin này", "{text}; the plugin was skipped"),
    "plg.then.call": ("{text}; đã bỏ qua kết quả của lần gọi này",
                      "{text}; the result of this call was ignored"),
    "plg.then.strict": ("{text}; dừng lại do --strict-plugins",
                        "{text}; stopped because of --strict-plugins"),
    "plg.load_failed": (
        "không nạp được: {error}",
        "failed to load: {error}",
    ),
    "plg.invalid": ("không hợp lệ: {error}", "is not valid: {error}"),
    "plg.unknown_hooks": (
        "cài đặt hook không tồn tại: {hooks}",
        "implements unknown hooks: {hooks}",
    ),
    "plg.wrapper": (
        "hook bọc (hookwrapper) không được hỗ trợ: {hooks}",
        "hook wrappers are not supported: {hooks}",
    ),
    "plg.dup_name": (
        "trùng tên với plugin đã nạp ({origin})",
        "has the same name as a plugin already loaded ({origin})",
    ),
    "plg.dup_kind": (
        "loại quy tắc “{kind}” được đăng ký bởi cả “{a}” và “{b}”; loại của plugin đặt tên "
        "theo mẫu “tỉnh:loại” (ví dụ “hanam:bang_kiem”) để không trùng với tỉnh khác",
        "rule kind “{kind}” is registered by both “{a}” and “{b}”; name a plugin's kinds "
        "“province:kind” (e.g. “hanam:checklist”) so that two provinces' kinds never collide",
    ),
    "plg.dup_policy": (
        "cách xếp hạng “{name}” được đăng ký bởi cả “{a}” và “{b}”",
        "tie policy “{name}” is registered by both “{a}” and “{b}”",
    ),
    "plg.bad_kind": (
        "đăng ký {what}, không phải một loại quy tắc (lớp con của cchc_score.Rule có “kind”)",
        "registered {what}, which is not a rule kind (a cchc_score.Rule subclass with a “kind”)",
    ),
    "plg.bad_policy": (
        "cách xếp hạng {name} không hợp lệ (cần tên và một hàm)",
        "tie policy {name} is not valid (needs a name and a function)",
    ),
    "plg.no_file": ("không tìm thấy tệp {path}", "file not found: {path}"),
    "plg.hook_failed": (
        "lỗi trong hook {hook}{where}: {error}",
        "failed in hook {hook}{where}: {error}",
    ),
    "plg.bad_return": (
        "hook {hook}{where} trả về giá trị không hợp lệ: {what}",
        "hook {hook}{where} returned an invalid value: {what}",
    ),
    "plg.where_unit": (" (đơn vị “{unit}”)", " (unit “{unit}”)"),
    "plg.where_set": (" (bộ chỉ số “{id}”)", " (criteria set “{id}”)"),
    "plg.config": (
        "“plugins” phải là danh sách đường dẫn tệp .py hoặc tên mô-đun",
        "“plugins” must be a list of .py file paths or module names",
    ),
    "plg.source.builtin": ("tích hợp sẵn", "built-in"),
    "plg.source.entrypoint": ("gói {origin}", "package {origin}"),
    "plg.source.file": ("tệp {origin}", "file {origin}"),
    "plg.source.module": ("mô-đun {origin}", "module {origin}"),
    "plg.source.object": ("đối tượng {origin}", "object {origin}"),
    "plg.hooks": ("hook", "hooks"),
    "plg.kinds": ("loại quy tắc", "rule kinds"),
    "plg.sets": ("bộ chỉ số", "criteria sets"),
    "plg.policies": ("cách xếp hạng khi bằng điểm", "tie policies"),
    "plg.none": ("(không có)", "(none)"),
    "plg.disabled": (
        "Các plugin đã cài đặt không được nạp (--no-plugins hoặc CCHC_SCORE_DISABLE_PLUGINS).",
        "Installed plugins were not loaded (--no-plugins or CCHC_SCORE_DISABLE_PLUGINS).",
    ),
    # -- plugins: containment, requirements, group stage (issue 10) ---------------------
    "plg.where_units": (" ({count} đơn vị: {units})", " ({count} units: {units})"),
    "plg.then.unit": (
        "{text}; kết quả của đơn vị bị loại, không xếp hạng",
        "{text}; the unit's result was refused and not ranked",
    ),
    "plg.then.units": (
        "{text}; kết quả của các đơn vị này bị loại, không xếp hạng",
        "{text}; these units' results were refused and not ranked",
    ),
    "plg.then.band": (
        "{text}; không công bố xếp loại của đơn vị",
        "{text}; no band was published for the unit",
    ),
    "plg.then.policy": (
        "{text}; đã xếp hạng theo cách mặc định (shared: 1, 2, 2, 4)",
        "{text}; ranked with the default policy instead (shared: 1, 2, 2, 4)",
    ),
    "plg.method.build": ("đọc tham số", "reading its parameters"),
    "plg.method.best": ("tính mức điểm cao nhất", "computing its best outcome"),
    "plg.method.parse_value": ("đọc giá trị kê khai", "reading the declared value"),
    "plg.method.score": ("chấm điểm", "scoring"),
    "plg.method.score_group": ("chấm điểm theo nhóm", "scoring the group"),
    "plg.method.next_step": ("tìm mức kế tiếp", "finding the next band"),
    "plg.kind_failed": (
        "loại quy tắc “{kind}” lỗi khi {method} ở tiêu chí {code}{where}: {error}",
        "rule kind “{kind}” failed {method} at {code}{where}: {error}",
    ),
    "crit.kind_failed": (
        "loại quy tắc “{kind}” (plugin “{plugin}”) lỗi khi {method}: {error}",
        "rule kind “{kind}” (plugin “{plugin}”) failed {method}: {error}",
    ),
    "plg.bad_result": (
        "hook adjust_result{where} trả về kết quả không hợp lệ: {problem}",
        "hook adjust_result{where} returned an invalid result: {problem}",
    ),
    "res.node_range": (
        "tiêu chí {code} có {points} điểm, ngoài khoảng 0..{max}",
        "{code} has {points} points, outside 0..{max}",
    ),
    "res.node_sum": (
        "tiêu chí {code} có {points} điểm, khác tổng các tiêu chí con ({total})",
        "{code} has {points} points, not the sum of its parts ({total})",
    ),
    "res.node_lost": (
        "tiêu chí {code}: điểm bị mất {lost} khác {max} − {points}",
        "{code}: lost {lost} is not {max} − {points}",
    ),
    "res.total_range": (
        "tổng điểm {points} ngoài khoảng 0..{max}",
        "the total {points} is outside 0..{max}",
    ),
    "res.index": (
        "chỉ số {index} không ứng với {points}/{max} điểm",
        "the index {index} does not match {points}/{max} points",
    ),
    "res.tree": (
        "cây kết quả không khớp với bộ chỉ số",
        "the result tree does not match the criteria set",
    ),
    "plg.policy_failed": (
        "cách xếp hạng “{name}” lỗi: {error}",
        "tie policy “{name}” failed: {error}",
    ),
    "plg.policy_length": (
        "cách xếp hạng “{name}” trả về {got} hạng cho {count} đơn vị",
        "tie policy “{name}” returned {got} ranks for {count} units",
    ),
    "plg.bad_args": (
        "hook {hook} khai báo tham số {args} không có trong đặc tả (các tham số: {allowed})",
        "hook {hook} declares arguments {args} that the hook does not have "
        "(its arguments: {allowed})",
    ),
    "plg.not_generator": (
        "hook {hook} được khai báo là wrapper nhưng không phải hàm generator",
        "hook {hook} is declared a wrapper but is not a generator function",
    ),
    "plg.already": ("đã được đăng ký dưới tên khác", "is already registered under another name"),
    "plg.bad_kind_at": (
        "đăng ký {what} ({where}), không phải một loại quy tắc "
        "(lớp con của cchc_score.Rule có “kind”)",
        "registered {what} ({where}), which is not a rule kind "
        "(a cchc_score.Rule subclass with a “kind”)",
    ),
    "req.format": ("danh sách chuỗi như \"cchc-tinh >= 1.0\"", "a list of strings such as \"cchc-tinh >= 1.0\""),
    "req.bad": (
        "yêu cầu “{text}” không đọc được (viết: tên-plugin, có thể kèm >= phiên bản)",
        "cannot read the requirement “{text}” (write: plugin-name, optionally >= version)",
    ),
    "req.missing": (
        "bộ chỉ số cần plugin “{plugin}”{spec} nhưng plugin này chưa được cài đặt hoặc nạp: "
        "cài bằng “pip install {plugin}” hoặc nạp bằng --plugin",
        "the criteria set needs the plugin “{plugin}”{spec}, which is not installed or "
        "loaded: install it with “pip install {plugin}” or load it with --plugin",
    ),
    "req.version": (
        "bộ chỉ số cần plugin “{plugin}” {spec}, đang cài phiên bản {version}",
        "the criteria set needs the plugin “{plugin}” {spec}; version {version} is installed",
    ),
    "req.table": ("bảng các bảng con theo tên plugin", "a table of tables named by plugin"),
    "req.unknown_table": (
        "bảng dành cho plugin “{plugin}”, nhưng plugin này chưa được cài đặt hoặc nạp",
        "a table for the plugin “{plugin}”, which is not installed or loaded",
    ),
    "crit.kind_hint": (
        " (loại “{kind}” thuộc plugin “{plugin}”: plugin đã được cài đặt chưa?)",
        " (the kind “{kind}” belongs to a plugin “{plugin}”: is it installed?)",
    ),
    "data.missing_column": (
        "bảng số liệu thiếu cột “{column}” (cần: unit, code, value; tùy chọn: source)",
        "the data table has no “{column}” column (needed: unit, code, value; optional: source)",
    ),
    "data.duplicate": (
        "đơn vị “{unit}”, tiêu chí {code} đã có số liệu ở {first}",
        "unit “{unit}”, {code} already has a figure at {first}",
    ),
    "data.unknown_units": (
        "{count} đơn vị trong bảng số liệu không có tệp kê khai nào được chấm: {units}",
        "{count} units in the data table match no assessment scored: {units}",
    ),
    "data.explained": (
        "{inner} [số liệu tỉnh: {where}]{own}",
        "{inner} [province figure: {where}]{own}",
    ),
    "data.own": (" (đơn vị tự kê khai: {value})", " (the unit declared: {value})"),
    "rep.reason": ("Lý do", "Reason"),
    "grp.waiting": (
        "Chấm theo nhóm: chờ các đơn vị khác trong nhóm",
        "Scored against the group: waiting for the other units",
    ),
    "grp.mean": ("trung bình nhóm", "the group mean"),
    "grp.best": ("cao nhất nhóm", "the group's best"),
    "out.group_share": (
        "{value}{unit} so với {against} {figure}{unit} → {points}/{max} điểm",
        "{value}{unit} against {against} {figure}{unit} → {points}/{max} points",
    ),
    # -- hardening (#14): limits, inputs that are never outputs, run stamps -------------
    "lim.exceeded": (
        "vượt giới hạn {limit} {unit}; nếu tệp này đúng là như vậy, nâng giới hạn bằng "
        "biến môi trường {variable}",
        "exceeds the limit of {limit} {unit}; if the file really is this large, raise the "
        "limit with the environment variable {variable}",
    ),
    "lim.unit.mb": ("MB", "MB"),
    "lim.unit.mb_unzipped": ("MB khi giải nén", "MB unzipped"),
    "lim.unit.cells": ("ô", "cells"),
    "lim.unit.sheets": ("trang tính", "sheets"),
    "lim.unit.nodes": ("tiêu chí", "criteria nodes"),
    "lim.unit.depth": ("cấp lồng nhau", "levels of nesting"),
    "lim.unit.files": ("tệp", "files"),
    # -- deep check of rules (check --deep, the testing kit's RuleContract) ----------------
    "deep.parse_raises": (
        "đọc giá trị {raw} gây lỗi {error} (cần báo lỗi giá trị InvalidValue)",
        "reading the value {raw} raises {error} (expected InvalidValue)",
    ),
    "deep.score_raises": (
        "chấm giá trị {raw} gây lỗi {error}",
        "scoring the value {raw} raises {error}",
    ),
    "deep.out_of_range": (
        "giá trị {raw} được {points} điểm, ngoài khoảng 0–{max}",
        "the value {raw} scores {points}, outside 0–{max}",
    ),
    "deep.no_explanation": (
        "giá trị {raw} mất điểm mà không có lời giải thích",
        "the value {raw} loses points without an explanation",
    ),
    "deep.no_value": (
        "không giá trị nào thử được chấm điểm",
        "no value tried could be scored",
    ),
    "deep.best_unreached": (
        "quy tắc nói điểm cao nhất là {best} nhưng không giá trị nào đạt: cao nhất tìm được {top} (giá trị {raw})",
        "the rule says its best is {best} but no value reaches it: the highest found is {top} (value {raw})",
    ),
    "deep.max_unreached": (
        "không giá trị nào đạt điểm tối đa {max}: cao nhất là {best}",
        "no value reaches the maximum {max}: the best is {best}",
    ),
    "deep.gap": (
        "giá trị {value} không thuộc mức nào (khoảng trống giữa các mức)",
        "the value {value} is in no band (a gap between the bands)",
    ),
    "deep.overlap": (
        "giá trị {value} thuộc hai mức: {a} và {b}",
        "the value {value} is in two bands: {a} and {b}",
    ),
    "deep.band_disagrees": (
        "giá trị {raw} được {points} điểm, nhưng mức {band} cho {expected} điểm",
        "the value {raw} scores {points}, but its band {band} gives {expected}",
    ),
    "deep.not_monotone": (
        "quy tắc nói giá trị lớn hơn không bao giờ ít điểm hơn, nhưng {low} được {p_low} điểm còn {high} (lớn hơn) chỉ được {p_high}",
        "the rule says a larger value never scores less, but {low} scores {p_low} and {high} (larger) only {p_high}",
    ),
    "deep.no_order": (
        "quy tắc nói là đơn điệu nhưng không so sánh được các giá trị của nó (cần order_key)",
        "the rule claims to be monotone but its values cannot be compared (give it an order_key)",
    ),
    "deep.rise_and_fall": (
        "điểm lúc tăng lúc giảm theo giá trị: kiểm tra lại các mức với văn bản",
        "the points rise and fall with the value: check the bands against the text",
    ),
    "deep.step_raises": (
        "gợi ý bậc tiếp theo cho giá trị {raw} gây lỗi {error}",
        "suggesting the next band for the value {raw} raises {error}",
    ),
    "deep.step_wrong": (
        "với giá trị {raw}, bậc tiếp theo hứa {promised} điểm với {example} nhưng {example} được {points}",
        "for the value {raw}, the next band promises {promised} with {example}, but {example} scores {points}",
    ),
    "deep.zero_den_default": (
        "trường hợp “không phát sinh” (0/0) chưa được quy định trong tệp: mặc định được điểm tối đa; ghi rõ zero_denominator",
        "the “nothing arose” case (0/0) is not stated in the file: it scores the maximum by default; state zero_denominator",
    ),
    "deep.zero_den_undefined": (
        "trường hợp “không phát sinh” (0/0) không chấm được: {error}",
        "the “nothing arose” case (0/0) cannot be scored: {error}",
    ),
    "deep.summary": (
        "{path}: kiểm tra sâu {leaves} tiêu chí — {errors} lỗi, {warnings} cảnh báo",
        "{path}: deep check of {leaves} leaves — {errors} errors, {warnings} warnings",
    ),
    "stamp.title": ("Dấu vết tính toán", "Provenance"),
    "stamp.tool": ("Công cụ: {tool} {version}", "Tool: {tool} {version}"),
    "stamp.run": ("Giai đoạn: {stage}; ngày chạy: {date}", "Stage: {stage}; run date: {date}"),
    "stamp.criteria": ("Bộ chỉ số: {id} ({hash})", "Criteria set: {id} ({hash})"),
    "stamp.plugin": ("Plugin: {name} {version}", "Plugin: {name} {version}"),
    "stamp.input": ("Tệp đầu vào: {path} ({hash})", "Input file: {path} ({hash})"),
    "stamp.survey": ("Điều tra xã hội học: {path} ({hash})", "Survey: {path} ({hash})"),
    # -- one truth for every number (#8): totals, bonus and penalty -------------------
    "num.col_survey": ("Điểm điều tra XHH", "Survey points"),
    "num.col_bonus": ("Điểm thưởng", "Bonus points"),
    "num.col_penalty": ("Điểm trừ", "Penalty points"),
    "num.cap.bonus": ("điểm thưởng, cộng tối đa {max} điểm", "bonus, adds at most {max} points"),
    "num.cap.penalty": ("điểm trừ, trừ tối đa {max} điểm", "penalty, subtracts at most {max} points"),
    "num.pools": (
        "Gồm: phần tự đánh giá {own} (tự chấm) → {appraised} (thẩm định); điều tra XHH "
        "{survey}; điểm thưởng {bonus}; điểm trừ {penalty} → đạt được {points}",
        "Made up of: self-assessed part {own} (self) → {appraised} (appraised); survey "
        "{survey}; bonus {bonus}; penalty {penalty} → achieved {points}",
    ),
    "num.penalty_clean": (
        "điểm trừ: quy tắc “{kind}” cho {points} điểm khi không có vi phạm nào, nên đơn "
        "vị không vi phạm vẫn bị trừ; điểm trừ cần quy tắc tăng theo số vi phạm (ví dụ "
        "kind = \"bonus\" với per_item)",
        "penalty: rule “{kind}” gives {points} points when there is no violation, so a "
        "unit with a clean record loses them; a penalty needs a rule that grows with the "
        "violations (e.g. kind = \"bonus\" with per_item)",
    ),
    "num.penalty_falls": (
        "điểm trừ: quy tắc “{kind}” cho ít điểm hơn khi có thêm vi phạm, nên vi phạm "
        "nhiều hơn lại bị trừ ít hơn",
        "penalty: rule “{kind}” gives fewer points for more violations, so more "
        "violations would cost less",
    ),
    "num.tpl_penalty_items": (
        "mỗi vi phạm trừ {per_item} điểm khỏi tổng điểm, trừ tối đa {cap}",
        "each violation subtracts {per_item} points from the total, at most {cap}",
    ),
    "num.tpl_penalty": (
        "Điểm trừ: số điểm này bị trừ khỏi tổng điểm; không có vi phạm thì khai 0",
        "Penalty: these points are subtracted from the total; with no violation declare 0",
    ),
    "num.penalty_out": ("{inner}; trừ {points} điểm", "{inner}; {points} points subtracted"),
    "num.penalty_none": ("{inner}; không bị trừ điểm", "{inner}; nothing subtracted"),
    "num.ignored_answer": (
        "tiêu chí “{code}” không áp dụng cho đơn vị, giá trị kê khai ở đây không được chấm",
        "criterion “{code}” does not apply to this unit: the value declared here is not scored",
    ),
    "num.ignored_appraisal": (
        "tiêu chí “{code}” không áp dụng cho đơn vị, điểm thẩm định ở đây không được tính; "
        "hội đồng cần bác đề nghị không áp dụng (na = \"reject\") nếu muốn chấm",
        "criterion “{code}” does not apply to this unit: the appraisal entry here is not "
        "counted; the council rejects the not-applicable claim (na = \"reject\") to score it",
    ),
    "num.na_survey": (
        "tiêu chí “{code}” do điều tra xã hội học chấm: đơn vị không được đề nghị không áp "
        "dụng (sẽ bỏ kết quả điều tra khỏi điểm tối đa của mình)",
        "criterion “{code}” is scored by the survey: a unit cannot claim it not applicable "
        "(that would drop the survey result from its own maximum)",
    ),
    "num.set_appraised": (
        "--set {code}: ở giai đoạn sau thẩm định, điểm của tiêu chí này do hội đồng thẩm "
        "định quyết định; giá trị thử chỉ thay giá trị đơn vị kê khai",
        "--set {code}: at the appraised stage the council's entry scores this criterion; "
        "the what-if value only replaces the unit's declared value",
    ),
    "num.above_100": (
        "above_100 = true chỉ dùng cho over = \"percent\" (tỷ lệ hoàn thành kế hoạch có thể "
        "vượt 100%)",
        "above_100 = true applies to over = \"percent\" only (a plan completion may exceed "
        "100%)",
    ),
    "num.tpl_none_arose": (
        "không phát sinh: ghi \"không phát sinh\"",
        "none arose: write \"không phát sinh\"",
    ),
    "num.tpl_above_100": (
        "có thể ghi trên 100% khi vượt kế hoạch",
        "above 100% may be written when the plan is exceeded",
    ),
    "num.tpl_bool_labels": (
        "“{yes}” (true) hoặc “{no}” (false)",
        "“{yes}” (true) or “{no}” (false)",
    ),
    "num.clamped": (
        "cộng các dòng được {raw}, giới hạn trong 0–{max}",
        "the rows add up to {raw}, kept within 0–{max}",
    ),
    # -- the yearly cycle: rounds, appraisal file, compare, remediation report (issue 11) --
    "rep.stage.round1": ("thẩm định vòng 1", "appraisal round 1"),
    "rep.stage.explanation": ("giải trình", "explanation"),
    "rep.stage.round2": ("thẩm định vòng 2", "appraisal round 2"),
    "rep.stage.appeal": ("phúc khảo", "appeal"),
    "rep.stage.final": ("kết quả cuối cùng", "final"),
    "cyc.col.self": ("Tự chấm", "Self"),
    "cyc.col.round1": ("Vòng 1", "Round 1"),
    "cyc.col.explanation": ("Giải trình", "Explanation"),
    "cyc.col.round2": ("Vòng 2", "Round 2"),
    "cyc.col.appeal": ("Phúc khảo", "Appeal"),
    "cyc.col.final": ("Cuối cùng", "Final"),
    "out.na_rejected": (
        "Hội đồng không chấp nhận đề nghị không áp dụng: tiêu chí được chấm",
        "The council rejected the not-applicable claim: the criterion is scored",
    ),
    "out.explained_value": ("Giải trình: {inner}", "Explained: {inner}"),
    "asm.round_reason": (
        "{round} “{code}” thay đổi điểm nhưng không ghi lý do (reason)",
        "{round} “{code}” changes the score without a reason",
    ),
    "asm.na_decision": (
        "“na” phải là “accept” (chấp nhận) hoặc “reject” (không chấp nhận), không phải “{raw}”",
        "“na” must be “accept” or “reject”, not “{raw}”",
    ),
    "asm.na_no_claim": (
        "“{code}”: hội đồng quyết định về đề nghị không áp dụng nhưng đơn vị không đề nghị "
        "(not_applicable)",
        "“{code}”: the council rules on a not-applicable claim the unit did not make "
        "(not_applicable)",
    ),
    "asm.round_empty": (
        "“{code}”: mục cần “value”, “points” hoặc “na”",
        "“{code}”: the entry needs “value”, “points” or “na”",
    ),
    "asm.explanation_na": (
        "“{code}”: giải trình là của đơn vị; chỉ hội đồng quyết định “na”",
        "“{code}”: the explanation is the unit's; only the council decides “na”",
    ),
    "cyc.number": ("số {number}", "No. {number}"),
    "cyc.date": ("ngày {date}", "of {date}"),
    "view.stages_head": ("Kết quả qua các vòng", "Results round by round"),
    "view.stage_total": ("Tổng điểm", "Points"),
    "view.stage_max": ("Tối đa", "Maximum"),
    "view.stage_index": ("Chỉ số", "Index"),
    "view.trail_head": (
        "Diễn biến từng tiêu chí được điều chỉnh",
        "Trail of every changed criterion",
    ),
    "view.trail_na": ("không áp dụng", "not applicable"),
    "view.trail_by": ("{who}, {date}", "{who}, {date}"),
    "view.trail_rejected": ("không chấp nhận không áp dụng", "not-applicable claim rejected"),
    "view.trail_unknown": ("(không rõ)", "(unknown)"),
    "apr.missing_column": (
        "thiếu cột “{column}” (cần: unit, round, code, và points hoặc value hoặc na)",
        "missing column “{column}” (needed: unit, round, code, and points or value or na)",
    ),
    "apr.round": (
        "vòng “{raw}” không rõ (1, 2, giải trình, phúc khảo; hoặc round1, explanation, "
        "round2, appeal)",
        "unknown round “{raw}” (1, 2, explanation, appeal; or round1, round2)",
    ),
    "apr.duplicate": (
        "đơn vị “{unit}”, vòng {round}, mã “{code}” đã có ở dòng {first}",
        "unit “{unit}”, round {round}, code “{code}” already on line {first}",
    ),
    "apr.unknown_units": (
        "{count} đơn vị trong tệp thẩm định không được chấm: {units}",
        "{count} units of the appraisal file were not scored: {units}",
    ),
    "emb.differs": (
        "bộ chỉ số “{ref}” khác với bộ mà biểu mẫu được tạo ra (mã băm {was}…, nay {now}…); "
        "chấm theo bộ “{ref}”",
        "the criteria set “{ref}” differs from the one the form was made from (hash {was}…, "
        "now {now}…); scored with “{ref}”",
    ),
    "emb.used": (
        "không tìm thấy bộ chỉ số “{ref}”: chấm theo bộ chỉ số nhúng trong biểu mẫu ({id})",
        "criteria set “{ref}” not found: scored with the set embedded in the form ({id})",
    ),
    "emb.edited": (
        "bộ chỉ số nhúng trong biểu mẫu đã bị sửa (mã băm không khớp)",
        "the criteria set embedded in the form was edited (its hash does not match)",
    ),
    "emb.comment": (
        "Bộ chỉ số dùng để tạo mẫu này, kèm theo để chấm được ở bất kỳ máy nào. Không sửa.",
        "The criteria set this form was made from, carried so that it scores on any "
        "machine. Do not edit.",
    ),
    "units.missing_column": (
        "thiếu cột “{column}” (cần: id, name; tùy chọn: group, tags)",
        "missing column “{column}” (needed: id, name; optional: group, tags)",
    ),
    "units.written": ("Đã ghi {count} mẫu vào {path}", "Wrote {count} forms to {path}"),
    "units.dup": ("mã đơn vị “{id}” lặp lại", "unit id “{id}” repeated"),
    "cmp.missing": (
        "{count} đơn vị của năm trước không có trong năm nay: {units}",
        "{count} units of last year are not in this year: {units}",
    ),
    "cmp.failed": ("không chấm được {path}", "{path} could not be scored"),
    "cmp.head": (
        "So sánh năm {last} ({a}) với năm {this} ({b}); thay đổi chỉ số = phần do bộ chỉ số + "
        "phần do kết quả của đơn vị",
        "Year {last} ({a}) against {this} ({b}); change in index = the criteria's part + "
        "the unit's part",
    ),
    "cmp.col.unit": ("Đơn vị", "Unit"),
    "cmp.col.last": ("Năm trước", "Last"),
    "cmp.col.this": ("Năm nay", "This"),
    "cmp.col.change": ("Thay đổi", "Change"),
    "cmp.col.criteria": ("Do bộ CS", "Criteria"),
    "cmp.col.own": ("Do đơn vị", "Unit"),
    "cmp.col.rank": ("Hạng", "Rank"),
    "cmp.unit_head": ("{name} ({id}): điểm theo lĩnh vực", "{name} ({id}): points by component"),
    "cmp.approx": (
        "(ước tính từ tỷ lệ điểm từng tiêu chí: không có tệp kê khai năm trước)",
        "(estimated from each leaf's share: last year's assessments not given)",
    ),
    "cmp.diff_head": ("{a} → {b}: {count} thay đổi", "{a} → {b}: {count} changes"),
    "cmp.what.added": ("thêm", "added"),
    "cmp.what.removed": ("bỏ", "removed"),
    "cmp.what.max": ("điểm tối đa", "maximum"),
    "cmp.what.title": ("tên", "title"),
    "cmp.what.rule": ("cách chấm", "rule"),
    "cmp.what.method": ("phương thức", "method"),
    "prev.other_set": (
        "tệp --previous được chấm theo bộ chỉ số “{was}”, năm nay là “{now}”: thay đổi chỉ số "
        "gồm cả phần do bộ chỉ số (xem cchc-score compare)",
        "the --previous file was scored with the set “{was}”, this year with “{now}”: the "
        "change includes the criteria's part (see cchc-score compare)",
    ),
    "prev.same_year": (
        "tệp --previous là kết quả cùng năm {year}, không phải năm trước",
        "the --previous file holds results of the same year {year}, not last year's",
    ),
    "rem.title": (
        "BÁO CÁO KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year} VÀ KẾ HOẠCH KHẮC PHỤC NHỮNG "
        "NỘI DUNG BỊ TRỪ ĐIỂM",
        "ADMINISTRATIVE REFORM INDEX {year}: RESULTS AND REMEDIATION PLAN",
    ),
    "rem.subject": ("Báo cáo khắc phục của {unit}", "Remediation report of {unit}"),
    "rem.s_summary": ("I. KẾT QUẢ CHUNG", "I. SUMMARY"),
    "rem.s_components": ("II. KẾT QUẢ THEO LĨNH VỰC", "II. RESULTS BY COMPONENT"),
    "rem.s_lost": ("III. NHỮNG NỘI DUNG BỊ TRỪ ĐIỂM", "III. WHERE POINTS WERE LOST"),
    "rem.s_cited": (
        "IV. CÁC VĂN BẢN, GIẢI PHÁP ĐÃ THỰC HIỆN",
        "IV. DOCUMENTS AND MEASURES ALREADY TAKEN",
    ),
    "rem.s_plan": (
        "V. NHIỆM VỤ, GIẢI PHÁP KHẮC PHỤC TRONG THỜI GIAN TỚI",
        "V. MEASURES TO REMEDY WHAT STILL LOSES POINTS",
    ),
    "rem.intro": (
        "{unit} báo cáo kết quả Chỉ số cải cách hành chính năm {year} ({set}) như sau:",
        "{unit} reports its administrative reform index {year} ({set}) as follows:",
    ),
    "rem.item": ("Nội dung", "Item"),
    "rem.value": ("Kết quả", "Result"),
    "rem.points": ("Tổng điểm đạt được / tối đa", "Points achieved / maximum"),
    "rem.index": ("Chỉ số", "Index"),
    "rem.band": ("Xếp loại", "Band"),
    "rem.rank": ("Xếp hạng", "Rank"),
    "rem.rank_of": ("{rank}/{of}", "{rank} of {of}"),
    "rem.lost": ("Số điểm bị trừ", "Points lost"),
    "rem.change": ("So với năm trước", "Change on last year"),
    "rem.change_value": (
        "{diff} (năm {year}: {before})", "{diff} ({year}: {before})",
    ),
    "rem.lost_intro": (
        "Đơn vị bị trừ {points} điểm ở {count} tiêu chí:",
        "The unit lost {points} points in {count} criteria:",
    ),
    "rem.reason": ("Nguyên nhân", "Reason"),
    "rem.cited_intro": (
        "Các văn bản đơn vị đã ban hành, thực hiện làm tài liệu kiểm chứng:",
        "The documents the unit issued or carried out, cited as evidence:",
    ),
    "rem.cited_none": (
        "Đơn vị chưa trích dẫn văn bản nào (số, ngày) làm tài liệu kiểm chứng.",
        "The unit cites no document (number, date) as evidence.",
    ),
    "rem.doc_number": ("Số văn bản", "Number"),
    "rem.doc_date": ("Ngày", "Date"),
    "rem.doc_title": ("Trích yếu", "Title"),
    "rem.date": ("{date}", "{date}"),
    "rem.plan_intro": (
        "Những nội dung còn bị trừ điểm và giải pháp khắc phục (đơn vị bổ sung giải pháp, "
        "thời hạn, người chịu trách nhiệm):",
        "What still loses points and the measures to remedy it (the unit adds each measure, "
        "its deadline and who is responsible):",
    ),
    "rem.plan_line": (
        "Tiêu chí {code} – {title} (bị trừ {lost} điểm). Giải pháp: ……………………; thời hạn: "
        "……; người chịu trách nhiệm: ……",
        "Criterion {code} – {title} ({lost} points lost). Measure: ……………………; deadline: ……; "
        "responsible: ……",
    ),
    "rem.plan_none": ("Không có nội dung bị trừ điểm.", "No points were lost."),
    "rem.several": (
        "có {count} đơn vị: chọn đơn vị cần báo cáo bằng --unit ({ids})",
        "{count} units: choose the unit to report on with --unit ({ids})",
    ),
    "rem.needs_docx": (
        "báo cáo được ghi ra tệp Word: dùng -o TỆP.docx",
        "the report is a Word file: use -o FILE.docx",
    ),
    "cyc.rounds_sheet": ("Các vòng", "Rounds"),
    "cyc.previous_sheet": ("So với năm trước", "Last year"),
    "cyc.previous_head": (
        "Chỉ số và thứ hạng so với năm trước", "Index and rank against last year",
    ),
    "apr.xlsx_needs": (
        "đọc tệp thẩm định .xlsx cần openpyxl: pip install \".[excel]\"",
        "reading an .xlsx appraisal file needs openpyxl: pip install \".[excel]\"",
    ),
    "lim.step": (
        "bước {step} chia {max} điểm thành hơn {count} mức: bước quá nhỏ",
        "a step of {step} divides {max} points into more than {count} steps: too small",
    ),
    "office.bad_number_cell": (
        "ô {cell} của trang “{sheet}” là ô số nhưng ghi “{raw}”: sửa hoặc xóa ô này trong "
        "Excel rồi lưu lại",
        "cell {cell} of sheet “{sheet}” is a number cell holding “{raw}”: correct or clear "
        "it in Excel and save again",
    ),
    "office.no_sheets": ("tệp Excel không có trang tính nào", "the workbook has no sheets"),
    "lim.unit.seconds": ("giây", "seconds"),
    "plg.interrupted": ("bị ngắt (Ctrl+C) khi đang chạy mã của plugin",
                        "interrupted (Ctrl+C) while running the plugin's code"),
    "plg.then.stopped": ("{text}; dừng chạy", "{text}; the run stops"),
    # -- performance (#9): big batches ----------------------------------------------------
    "progress.scoring": ("Đang chấm", "Scoring"),
    "cli.jobs": (
        "--jobs phải là số nguyên từ 1 trở lên, nhận được “{raw}”",
        "--jobs must be a whole number of at least 1, got “{raw}”",
    ),
    # -- QA pass 2: the web page's download links ------------------------------------------
    "web.err_stage": (
        "Không có vòng chấm này: chỉ có stage=self (tự chấm) hoặc stage=appraised (thẩm định).",
        "No such stage: only stage=self (self-assessment) or stage=appraised (appraisal).",
    ),
    # -- QA pass 2: the Word report's unit section names its criteria set once ---------------
    "word.issued": ("Ban hành: {issuer}, {decision}", "Issued by: {issuer}, {decision}"),
    # -- performance (#9): the results workbook of a big batch (office/_results.py) -----------
    "office.res_unit_sheets_none": (
        "{count} đơn vị (quá {limit}): tệp không có trang riêng của từng đơn vị; thêm "
        "--unit MÃ để có trang của một đơn vị, --breakdowns để có trang của mọi đơn vị",
        "{count} units (more than {limit}): no sheet per unit; add --unit ID for one "
        "unit's sheet, --breakdowns for every unit's",
    ),
    "office.res_unit_sheets_some": (
        "{count} đơn vị (quá {limit}): chỉ có trang riêng của {units}; thêm --breakdowns "
        "để có trang của mọi đơn vị",
        "{count} units (more than {limit}): a sheet only for {units}; add --breakdowns for "
        "every unit's",
    ),
}
