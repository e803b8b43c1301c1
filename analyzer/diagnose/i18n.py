"""Language selection for messages: English and Japanese (the guide's own terms)."""

from __future__ import annotations

from collections.abc import Mapping

LANGS = ("en", "ja")

SEGMENT_LABELS: Mapping[str, Mapping[str, str]] = {
    "host": {"en": "host (the machine's own configuration)",
             "ja": "ホスト(サーバー/クライアント自身の設定)"},
    "l2": {"en": "L2 (IP range / VLAN mismatch)", "ja": "L2(IP 帯 / VLAN 不一致)"},
    "gateway": {"en": "default gateway", "ja": "デフォゲ"},
    "path": {"en": "path beyond the gateway", "ja": "デフォゲより先の経路"},
    "access": {"en": "access control (routing works)",
               "ja": "アクセス許可(ルーティングは問題なし)"},
    "undetermined": {"en": "undetermined (more evidence needed)",
                     "ja": "判定不能(情報が不足)"},
}

UI: Mapping[str, Mapping[str, str]] = {
    "verdict": {"en": "Suspect", "ja": "被疑箇所"},
    "findings": {"en": "Findings", "ja": "検出事項"},
    "evidence": {"en": "evidence", "ja": "根拠"},
    "next_steps": {"en": "Next steps", "ja": "次の確認手順"},
    "line": {"en": "line", "ja": "行"},
    "unrecognised": {"en": "Unrecognised blocks", "ja": "読み取れなかったブロック"},
    "no_findings": {"en": "No rule fired.", "ja": "該当するルールはありません。"},
    "destination": {"en": "destination", "ja": "宛先"},
    "gateway": {"en": "default gateway", "ja": "デフォゲ"},
    "host": {"en": "host", "ja": "ホスト"},
    "path": {"en": "Path", "ja": "経路"},
    "suspect": {"en": "suspect", "ja": "被疑"},
    "cleared": {"en": "cleared", "ja": "問題なし"},
    "unknown": {"en": "not checked", "ja": "未確認"},
    "report_title": {"en": "netblame report", "ja": "netblame 診断結果"},
    "why": {"en": "why", "ja": "理由"},
}


def text(messages: Mapping[str, str], lang: str) -> str:
    """The message in `lang`, English when it has no translation."""
    return messages.get(lang) or messages["en"]


def segment_label(segment: str, lang: str) -> str:
    """A segment's name for people."""
    return text(SEGMENT_LABELS[segment], lang)


def ui(key: str, lang: str) -> str:
    """A fixed label of the reports."""
    return text(UI[key], lang)
