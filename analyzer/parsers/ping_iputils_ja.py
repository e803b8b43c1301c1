"""Linux iputils `ping` in a Japanese locale → `PingData` (`grammars/ping_iputils_ja.lark`).

The lines are iputils' own, translated: its messages by iputils `po/ja.po` (versions
from 2018 to 2022; older ones end some messages in `。`, newer ones print
`時間=0.340ミリ秒` or `時間=112 ミリ秒`), the errno and resolver texts by glibc's Japanese
catalogue (`ping: connect: ネットワークに届きません`, `ping: x: 名前またはサービスが不明です`).
Every message maps to the type id the C-locale iputils parser gives the English original,
so the rules read both alike. Lines are NFKC-normalised first (full-width spaces, digits).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.base import LineParser, LineTransformer, Parsed, opt_float, opt_int
from analyzer.parsers.local_errors import errno_type
from analyzer.parsers.ping import target_from_argv
from analyzer.parsers.ping_shared import (
    NUM,
    Header,
    Interrupt,
    Item,
    Rtt,
    Stats,
    Timeout,
    Title,
    Unresolved,
    Warned,
    assemble,
    family_from_argv,
)
from analyzer.records import IcmpError, LocalError, PingData, PingReply
from analyzer.transcript import Line

SHAPE = re.compile(shapes.PING_IPUTILS_JA)

HEADER = re.compile(shapes.PING_IPUTILS_JA_HEADER)

_HEADER = re.compile(
    r"(?:\^C)?PING\s+(?P<name>[^\s(]+)\s*\("
    r"(?:(?P<name2>[^\s()]+)\s+\((?P<ip2>[^\s()]+)\)|(?P<ip>[^\s()]*))\)"
    r"\s*(?:,\s*フロー\s+0x[0-9A-Fa-f]+,\s*)?"
    r"(?:送信元\s+(?:[^\s()]+\s+\((?P<srcip2>[^\s()]+)\)|(?P<srcip>[^\s()]+))"
    r"\s*(?P<dev>[^\s:]*)\s*:\s*)?"
    r"(?P<data>\d+)(?:\((?P<total>\d+)\))?\s*(?:バイトのデータ|データ長)")
_PREFIX = r"(?P<cc>\^C)?(?:\[(?P<ts>\d+(?:[.,]\d+)?)\]\s*)?"
_SENDER = r"(?:(?P<name>[^\s()]+) \((?P<nip>[^\s()]+)\)|(?P<addr>[^\s()]+?))"
_REPLY = re.compile(
    rf"{_PREFIX}(?P<size>\d+)\s*バイト応答\s*送信元\s+{_SENDER}:?\s+"
    r"(?:icmp_[sr]eq=(?P<seq>\d+)\s*)?(?:ttl=(?P<ttl>\d+)\s*)?"
    rf"(?:時間\s*=\s*(?P<time>{NUM})\s*ミリ秒\s*)?(?P<tail>.*)")
_FROM = re.compile(rf"{_PREFIX}送信元\s+{_SENDER}:?\s+(?:icmp_[sr]eq=(?P<seq>\d+)\s*)?(?P<msg>.*)")
_NOANSWER = re.compile(rf"{_PREFIX}icmp_seq=(?P<seq>\d+)\s*が未応答です")
_TITLE = re.compile(r"(?P<cc>\^C)?-*\s*(?P<name>.*?)\s+ping\s*統計")
_STATS = re.compile(
    r"(?P<cc>\^C)?送信パケット数\s*(?P<tx>\d+),\s*受信パケット数\s*(?P<rx>\d+)"
    r"(?:,\s*\+(?P<dup>\d+)\s*重複)?(?:,\s*\+(?P<corrupt>\d+)\s*破損)?"
    rf"(?:,\s*\+(?P<err>\d+)\s*エラー)?(?:,\s*パケット損失\s*(?P<loss>{NUM})\s*%)?"
    rf"(?:,\s*時間\s*(?P<time>{NUM})\s*ミリ秒)?")
_RTT = re.compile(
    rf"(?P<cc>\^C)?rtt\s*最小/平均/最大/mdev\s*=\s*(?P<min>{NUM})/(?P<avg>{NUM})/(?P<max>{NUM})"
    rf"/(?P<mdev>{NUM})")
_PIPE = re.compile(r"(?:^|[\s,])pipe (\d+)")
_IPG = re.compile(rf"ipg/ewma\s*({NUM})/({NUM})")
_SYSCALL = re.compile(
    r"(?P<call>connect|sendmsg|sendto|socket|bind|recvmsg|setsockopt|SO_BINDTODEVICE \S+):\s*"
    r"(?P<err>.+)")
_LOCAL_MTU = re.compile(r"内部エラー:\s*(?P<err>.*?)(?::\s*mtu\s*[=:]\s*(?P<mtu>\d+))?\s*$")
_RESOLVE = re.compile(r"(?P<host>\S+):\s*(?P<err>.+)")
_PROGRAM = re.compile(r"^ping[46]?:\s*")
_DEBUG = re.compile(r"(?:socktype:|=> |sock[46]\.fd:|ai->ai_)")

# glibc 2.36 ja catalogue: strerror() and gai_strerror() texts → the iputils type ids.
# `ネットワークに到達できません` is an older glibc wording.
_ERRNO_JA: dict[str, str] = {
    "ネットワークに届きません": "network_unreachable",
    "ネットワークに到達できません": "network_unreachable",
    "ホストへの経路がありません": "host_unreachable",
    "許可されていない操作です": "operation_not_permitted",
    "許可がありません": "permission_denied",
    "要求アドレスに割り当てられません": "cannot_assign_address",
    "そのようなデバイスはありません": "no_such_device",
    "メッセージが長すぎます": "message_too_long",
    "利用可能な空きバッファがありません": "no_buffer_space",
    "無効な引数です": "invalid_argument",
    "アドレスファミリはプロトコルによってサポートされていません": "family_not_supported",
    "ネットワークが落ちています": "network_down",
    "リソースが一時的に利用できません": "resource_unavailable",
    "接続を拒否されました": "connection_refused",
    "ホストが落ちています": "host_is_down",
}
_NAME_JA: dict[str, str] = {
    "名前またはサービスが不明です": "name_unknown",
    "名前解決に一時的に失敗しました": "name_temporary_failure",
    "ホスト名にアドレスが割り当てられていません": "name_no_address",
    "ホスト名に対するaddressfamilyがサポートされていません": "name_family_unsupported",
    "名前解決で回復できない失敗が発生しました": "name_failure",
    "システムエラー": "name_failure",
    "不明なホストです": "name_unknown",
}

# iputils po/ja.po: pr_icmph()'s messages (spaces removed, no final `。`, lower case).
_ICMP_JA: dict[str, str] = {
    "目的のネットワークへ届きません": "net_unreachable",
    "目的のホストへ届きません": "host_unreachable",
    "目的のプロトコルへ届きません": "protocol_unreachable",
    "目的のポートへ届きません": "port_unreachable",
    "ソースルーティングに失敗しました": "source_route_failed",
    "目的のネットワークが不明です": "net_unknown",
    "目的のホストが不明です": "host_unknown",
    "送信元ホストが孤立しています": "source_host_isolated",
    "目的のネットワークは禁止されています": "admin_prohibited",
    "目的のホストは禁止されています": "admin_prohibited",
    "このtosでは目的のネットワークへ届きません": "net_unreachable_tos",
    "このtosでは目的のホストへ届きません": "host_unreachable_tos",
    "パケットがフィルタリングされました": "admin_prohibited",
    "優先度違反": "precedence_violation",
    "優先度に基づく遮断": "precedence_cutoff",
    "発信抑制": "source_quench",
    "ttlを超過しました": "ttl_exceeded",
    "断片化パケットの再構築時間を超過しました": "reassembly_timeout",
    # IPv6: `目的地へ届きません: <code>`, `時間超過です: <code>`
    "目的地へ届きません:経路がありません": "no_route",
    "目的地へ届きません:管理上禁止されています": "admin_prohibited",
    "目的地へ届きません:送信元アドレスのスコープ外です": "beyond_scope",
    "目的地へ届きません:アドレスに届きません": "address_unreachable",
    "目的地へ届きません:ポートに届きません": "port_unreachable",
    "時間超過です:ホップの上限": "ttl_exceeded",
    "時間超過です:断片化パケットの復元に失敗しました": "reassembly_timeout",
}
_ICMP_JA_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"断片化が必要ですがdfフラグがセットされています\(mtu=(\d+)\)"), "frag_needed"),
    (re.compile(r"パケットが大きすぎます:mtu=(\d+)"), "frag_needed"),
    (re.compile(r"tosのためのネットワークリダイレクト"), "redirect_tos_net"),
    (re.compile(r"tosのためのホストリダイレクト"), "redirect_tos_host"),
    (re.compile(r"ネットワークのリダイレクト"), "redirect_net"),
    (re.compile(r"ホストのリダイレクト"), "redirect_host"),
    (re.compile(r"リダイレクト"), "redirect"),
    (re.compile(r"目的(?:サイト|地)へ届きません(?:,不正なコード|:未知のコード)"), "unreachable"),
    (re.compile(r"時間超過です(?:。不正なコード|:コード)"), "time_exceeded"),
    (re.compile(r"パラメータの問題"), "parameter_problem"),
)
_NEXTHOP = re.compile(r"新しい次ホップ:\s*(?:[^\s()]+\s+\(([^\s()]+)\)|([^\s()]+))\)")
_FLAGS = (("重複!", "duplicate"), ("DUP!", "duplicate"), ("切り詰められました", "truncated"),
          ("チェックサム異常", "bad_checksum"), ("アドレス相違", "different_address"))
_WARNINGS = (("ブロードキャスト", "broadcast"), ("ソースアドレス", "source_address"),
             ("時刻が巻き戻り", "clock_backwards"), ("受信バッファ", "rcvbuf"),
             ("マーク", "mark"), ("SO_MARK", "mark"), ("非常に古い", "old_kernel"))


def _key(message: str) -> str:
    return "".join(message.split()).rstrip("。").lower()


def _classify(message: str) -> tuple[str, int | None, str | None]:
    """(type id, mtu, redirect's new next hop) of a translated ICMP error message."""
    text = _key(message)
    known = _ICMP_JA.get(text)
    if known is not None:
        return known, None, None
    for pattern, kind in _ICMP_JA_PATTERNS:
        m = pattern.match(text)
        if m is None:
            continue
        if kind == "frag_needed":
            return kind, int(m.group(1)), None
        hop = _NEXTHOP.search(message) if kind.startswith("redirect") else None
        return kind, None, (hop.group(1) or hop.group(2)) if hop else None
    return "unknown", None, None


def _errno(text: str) -> str:
    return _ERRNO_JA.get(text.strip().rstrip("。")) or errno_type(text)


class _Transformer(LineTransformer[PingData]):
    def header(self, children: list[Token]) -> list[Item]:
        tok = children[0]
        line = self.line_of(tok)
        items: list[Item] = [Interrupt(line=line)] if tok.startswith("^C") else []
        m = _HEADER.match(tok)
        if m is None:
            self.unparsed.append(line)
            return items
        ip = m["ip2"] or m["ip"] or None
        items.append(Header(line=line, name=m["name"], ip=ip, payload=int(m["data"]),
                            packet=opt_int(m["total"]), source_ip=m["srcip2"] or m["srcip"],
                            interface=m["dev"] or None))
        return items

    def probes(self, children: list[Token]) -> list[Item]:
        """A run of replies, ICMP errors and `icmp_seq=N が未応答です`."""
        token = children[0]
        items: list[Item] = []
        for offset, text in enumerate(str(token).split("\n")):
            line = self.line_of(token, offset)
            item = self._probe(line, text)
            if item is None:
                self.unparsed.append(line)
                continue
            if text.startswith("^C"):
                items.append(Interrupt(line=line))
            items.append(item)
        return items

    @staticmethod
    def _probe(line: int, text: str) -> Item | None:
        m = _NOANSWER.match(text)
        if m is not None:
            return Timeout(line=line, seq=int(m["seq"]))
        m = _REPLY.match(text)
        if m is not None:
            flags = tuple(dict.fromkeys(flag for needle, flag in _FLAGS if needle in m["tail"]))
            return PingReply(
                line=line, seq=opt_int(m["seq"]), source=m["nip"] or m["addr"],
                ttl=opt_int(m["ttl"]), time_ms=opt_float(m["time"]),
                duplicate="duplicate" in flags, bytes=int(m["size"]),
                timestamp=opt_float(m["ts"]), source_name=m["name"], flags=flags)
        m = _FROM.match(text)
        if m is None:
            return None
        message = m["msg"].strip()
        if not message:
            return None
        kind, mtu, hop = _classify(message)
        return IcmpError(line=line, seq=opt_int(m["seq"]), source=m["nip"] or m["addr"],
                         type=kind, message=message, mtu=mtu, nexthop=hop,
                         source_name=m["name"], timestamp=opt_float(m["ts"]))

    def title(self, children: list[Token]) -> list[Item]:
        tok = children[0]
        line = self.line_of(tok)
        m = _TITLE.match(tok)
        if m is None:  # pragma: no cover - the terminal guarantees the shape
            self.unparsed.append(line)
            return []
        title = Title(line=line, name=m["name"])
        return [Interrupt(line=line), title] if m["cc"] else [title]

    def stats(self, children: list[Token]) -> list[Item]:
        tok = children[0]
        line = self.line_of(tok)
        m = _STATS.match(tok)
        if m is None:
            self.unparsed.append(line)
            return []
        stats = Stats(line=line, transmitted=int(m["tx"]), received=int(m["rx"]),
                      loss_percent=opt_float(m["loss"]), duplicates=int(m["dup"] or 0),
                      errors=int(m["err"] or 0), corrupted=int(m["corrupt"] or 0),
                      time_total_ms=opt_float(m["time"]))
        return [Interrupt(line=line), stats] if m["cc"] else [stats]

    def rtt(self, children: list[Token]) -> list[Item]:
        tok = children[0]
        line = self.line_of(tok)
        text = str(tok)
        m = _RTT.match(text)
        pipe = _PIPE.search(text)
        ipg = _IPG.search(text)
        if m is None and pipe is None:
            self.unparsed.append(line)
            return []
        rtt = Rtt(line=line, min_ms=opt_float(m["min"]) if m else None,
                  avg_ms=opt_float(m["avg"]) if m else None,
                  max_ms=opt_float(m["max"]) if m else None,
                  mdev_ms=opt_float(m["mdev"]) if m else None,
                  pipe=int(pipe.group(1)) if pipe else None,
                  ipg_ms=opt_float(ipg.group(1)) if ipg else None,
                  ewma_ms=opt_float(ipg.group(2)) if ipg else None)
        return [Interrupt(line=line), rtt] if text.startswith("^C") else [rtt]

    def pipe(self, children: list[Token]) -> list[Item]:
        """`pipe N` on a line of its own (no round-trip times: nothing was answered)."""
        return self.rtt(children)

    def local_error(self, children: list[Token]) -> list[Item]:
        tok = children[0]
        line = self.line_of(tok)
        text = str(tok)
        items: list[Item] = [Interrupt(line=line)] if text.startswith("^C") else []
        message = text.removeprefix("^C").strip()
        body = _PROGRAM.sub("", message, count=1)
        items += self._local(line, message, body)
        return items

    @staticmethod
    def _local(line: int, message: str, body: str) -> list[Item]:
        m = _LOCAL_MTU.match(body)
        if m is not None:
            return [LocalError(line=line, type=_errno(m["err"]), message=message,
                               mtu=opt_int(m["mtu"]))]
        m = _SYSCALL.match(body)
        if m is not None:
            call = m["call"].split()[0]
            return [LocalError(line=line, type=_errno(m["err"]), message=message, syscall=call)]
        if body.startswith("ブロードキャストping"):
            return [LocalError(line=line, type="broadcast_or_firewall", message=message,
                               syscall="connect")]
        if body.startswith("不明なインタフェースです"):
            return [LocalError(line=line, type="no_such_device", message=message)]
        if body.startswith("警告"):
            return [Warned(LocalError(line=line, type=_warning_type(body), message=message))]
        if _DEBUG.match(body):
            return []
        m = _RESOLVE.match(body)
        kind = _NAME_JA.get("".join(m["err"].split()).rstrip("。")) if m else None
        if m is not None and kind is not None:
            return [LocalError(line=line, type=kind, message=message), Unresolved(m["host"])]
        return [LocalError(line=line, type="error", message=message)]

    def warning(self, children: list[Token]) -> Warned:
        tok = children[0]
        message = str(tok).removeprefix("^C").strip()
        return Warned(LocalError(line=self.line_of(tok), type=_warning_type(message),
                                 message=message))

    def noise(self, children: list[Token]) -> None:
        return None

    def interrupt(self, children: list[Token]) -> Interrupt:
        tok = children[0]
        if str(tok).strip("^C \t"):
            self.unparsed.append(self.line_of(tok))
        return Interrupt(line=self.line_of(tok))

    def start(self, items: list[Item | list[Item] | None]) -> PingData:
        flat = [x for item in items for x in (item if isinstance(item, list) else [item])]
        target = target_from_argv(self.argv) if self.argv else None
        return assemble(flat, target, family_from_argv(self.argv))


def _warning_type(text: str) -> str:
    return next((kind for needle, kind in _WARNINGS if needle in text), "warning")


_PARSER = LineParser("ping_iputils_ja", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[PingData]:
    """Parse Japanese-locale iputils ping output; `argv` names the target when no header
    was printed (`ping: connect: ネットワークに届きません`)."""
    return _PARSER.parse([Line(n, unicodedata.normalize("NFKC", t)) for n, t in lines], argv)
