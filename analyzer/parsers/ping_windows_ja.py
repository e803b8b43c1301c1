"""Windows `ping.exe` output in Japanese → `PingData` (`grammars/ping_windows_ja.lark`).

Lines are NFKC-normalised before they are read (full-width spaces and digits, `：＝`,
half-width `｡､`), and the texts tolerate the spacing variants seen in pastes
(`時間 =7ms`, `時間=7ms`, `時間 < 1ms`, `、` or `,`). How it maps onto the records: see
`analyzer.parsers.ping_windows`.
"""

from __future__ import annotations

import re

from analyzer.parsers import shapes
from analyzer.parsers.ping_shared import NUM
from analyzer.parsers.ping_windows import Language, make_parser

SHAPE = re.compile(shapes.PING_WINDOWS_JA)

HEADER = re.compile(shapes.PING_WINDOWS_JA_HEADER)

_T = r"\s*"  # after NFKC every space is ASCII
LANGUAGE = Language(
    header=re.compile(
        rf"(?P<name>[^\s\[]+?)(?:{_T}\[(?P<ip>[^\]]+)\])?{_T}に{_T}(?:\S+{_T}から{_T})?"
        rf"ping{_T}を送信しています{_T}(?P<size>\d+){_T}バイトのデータ:?{_T}"),
    reply_from=re.compile(rf"(?P<source>\S+?){_T}からの応答{_T}:{_T}(?P<rest>.*)"),
    reply=re.compile(
        rf"(?:バイト数{_T}={_T}(?P<bytes>\d+){_T})?時間{_T}(?P<op>[=<]){_T}(?P<time>{NUM})"
        rf"{_T}ms(?:{_T}TTL{_T}={_T}(?P<ttl>\d+))?{_T}"),
    timeout=re.compile(rf"要求がタイムアウトしました。?{_T}"),
    icmp_errors=(
        (re.compile(rf"宛先ホストに到達できません。?{_T}"), "host_unreachable"),
        (re.compile(rf"宛先ネットワークに到達できません。?{_T}"), "net_unreachable"),
        (re.compile(rf"宛先プロトコルに到達できません。?{_T}"), "protocol_unreachable"),
        (re.compile(rf"宛先ポートに到達できません。?{_T}"), "port_unreachable"),
        (re.compile(rf"転送中に{_T}TTL{_T}が期限切れになりました。?{_T}"), "ttl_exceeded"),
        (re.compile(rf"パケットの断片化が必要ですが[、,]{_T}DF{_T}が設定されています。?{_T}"),
         "frag_needed"),
    ),
    failures=(
        (re.compile(rf"(?:ping{_T}:{_T})?転送に失敗しました。{_T}一般エラーです。?{_T}",
                    re.IGNORECASE), "general_failure"),
        (re.compile(rf"一般エラーです。?{_T}"), "general_failure"),
        (re.compile(rf"(?:ping{_T}:{_T})?転送に失敗しました。?.*", re.IGNORECASE),
         "transmit_failed"),
        # a bare line: the host's own interface MTU refused the packet (`-f -l`)
        (re.compile(rf"パケットの断片化が必要ですが[、,]{_T}DF{_T}が設定されています。?{_T}"),
         "message_too_long"),
    ),
    title=re.compile(rf"(?P<name>\S+){_T}の{_T}ping{_T}統計{_T}:?{_T}"),
    stats=re.compile(
        rf"パケット数{_T}:{_T}送信{_T}={_T}(?P<sent>\d+){_T}[、,]{_T}受信{_T}={_T}(?P<received>\d+)"
        rf"{_T}[、,]{_T}損失{_T}={_T}(?P<lost>\d+){_T}\({_T}(?P<loss>{NUM}){_T}%{_T}の損失{_T}\)"
        rf"{_T}[、,]?{_T}"),
    rtt=re.compile(
        rf"最小{_T}={_T}(?P<min>{NUM}){_T}ms{_T}[、,]{_T}最大{_T}={_T}(?P<max>{NUM}){_T}ms{_T}"
        rf"[、,]{_T}平均{_T}={_T}(?P<avg>{NUM}){_T}ms{_T}"),
    not_found=re.compile(rf"ping{_T}要求ではホスト{_T}(?P<name>\S+){_T}が見つかりませんでした。.*"),
)

parse = make_parser("ping_windows_ja", LANGUAGE)
