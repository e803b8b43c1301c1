"""Windows `tracert` in Japanese → `TracerouteData`.

The hop lines are the English ones (see `tracert`), with Japanese texts:

    server.example [203.0.113.10] へのルートをトレースしています
    経由するホップ数は最大 30 です:
    203.0.113.10 へのルートをトレースしています。経由するホップ数は最大 30 です
      1    <1 ms    <1 ms    <1 ms  192.0.2.1
      3     *        *        *     要求がタイムアウトしました。
      4  198.51.100.2 が次を報告: 宛先ネットワークに到達できません。
    トレースを完了しました。
    ターゲット システム名 nosuch.invalid を解決できませんでした。

The reported errors map to the annotations the English ones get: ネットワーク → `!N`,
ホスト → `!H`, プロトコル → `!P`, 禁止 (prohibited) → `!X`, 断片化 (fragmentation)
→ `!F`, ソース ルート → `!S`, ポート (port) → none. `一般エラーです。` (General failure) is
a local error, as is `Transmit error: code N.`, read in its English wording (its Japanese
one is not known here).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from analyzer.parsers import shapes
from analyzer.parsers.base import LineParser, Parsed
from analyzer.parsers.tracert import ENGLISH, Texts, TracertTransformer
from analyzer.records import TracerouteData
from analyzer.transcript import Line

SHAPE = re.compile(shapes.TRACERT_JA)

HEADER = re.compile(shapes.TRACERT_JA_HEADER)

JAPANESE = Texts(
    header=re.compile(r"(\S+)(?:\s+\[([^\]\s]+)\])?\s*へのルートをトレースしています"
                      r"(?:。?\s*経由するホップ数は最大\s*(\d+)\s*です[:：]?)?"),
    over=re.compile(r"経由するホップ数は最大\s*(\d+)\s*です[:：]?"),
    timed_out="要求がタイムアウトしました。",
    reports=re.compile(r"(\S+(?:\s+\[[^\]\s]+\])?)\s*が次を報告[:：]\s*(.*)"),
    annotations=(
        (re.compile(r"禁止"), "!X"),
        (re.compile(r"ネットワーク"), "!N"),
        (re.compile(r"ホスト"), "!H"),
        (re.compile(r"プロトコル"), "!P"),
        (re.compile(r"断片化"), "!F"),
        (re.compile(r"ソース\s*ルート"), "!S"),
        (re.compile(r"ポート"), None),
    ),
    transmit_error=ENGLISH.transmit_error,
    general_failure="一般エラーです。",
)


class _Transformer(TracertTransformer):
    texts = JAPANESE


_PARSER = LineParser("tracert_ja", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[TracerouteData]:
    """Parse Japanese tracert output; the target comes from argv when the header is missing."""
    return _PARSER.parse(lines, argv)
