"""How each dialect's output lines look, as pattern text: what a paste is grouped by.

The reader groups lines into blocks and the registry tells the dialects of a kind apart by
these patterns alone, so they live apart from the parsers: reading a paste imports (and
compiles the expressions of) only the parsers of the dialects it holds. The registry
compiles a pattern when it first needs it; each parser module compiles its own as
`SHAPE`/`HEADER` (`re`'s cache makes the second compile of a text free).

A SHAPE is the coarse shape of every (stripped) line a dialect prints; a HEADER the line
that starts one run of its output (a second header = a second run pasted after the
first); a CONTINUATION a line that only continues the line above it (unstripped text).
"""

from __future__ import annotations

# ---------------------------------------------------------------------- ping

# iputils, C locale. Lines only other dialects print are left out, so that those win the
# choice of dialect: kana (iputils in a Japanese locale; the possessive scan for them costs
# a third of a look-ahead for one), `PING x (ip): 56 data bytes`, `packets received`,
# `round-trip`, `ping: sendto:` (BSD, BusyBox), BusyBox's `seq=`, ping6's `from X, icmp_seq`.
PING = (
    r"(?=[^\u3040-\u30ff\n]*+$)"
    r"(?:\^C)?(?:\[\d+(?:[.,]\d+)?\]\s*)?"
    r"(?:PING\s+[^\s(]*\s*\((?![^()]*\):)"
    r"|\d+ bytes from (?!\S+: seq=\d)(?![^\s,]+, )\S"
    r"|From \S+(?: \([^()]+\))?:? (?:icmp_[sr]eq=\d+ )?\S"
    r"|no answer yet for icmp_seq=\d"
    r"|-*\s*(?:\S+\s+)?ping statistics"
    r"|\d+ packets transmitted, \d+ received"
    r"|rtt min/avg/max"
    r"|pipe \d+"
    r"|ping[46]?: (?!cannot resolve |bad address |sendto: )"
    r"|(?:connect|sendmsg|socket|icmp open socket): "
    r"|WARNING: pinging broadcast address"
    r"|PATTERN: 0x"
    r"|[.E][.E\s]*$"
    r"|\d+/\d+ packets, \d+% loss"
    r"|(?:RR|TS|LSRR|SSRR):|NOP$|Unrecorded hops: |\d+ (?:absolute|not-standard)"
    r"|ai->ai_|Vr HL TOS |\d+ +\d+ +[0-9a-fA-F]{2} +[0-9a-fA-F]{4} "
    r"|wrong data byte |#\d+\s+[0-9a-fA-F]"
    r"|\^C\s*$)"
)
PING_HEADER = r"(?:\^C)?PING\s+[^\s(]*\s*\("

# macOS, FreeBSD (ping and ping6); GNU inetutils prints the same lines.
PING_BSD = (
    r"(?:\^C)?(?:"
    r"PING\s+[^\s(]+\s*\([^()]*\):\s*\d+\s+data bytes"
    r"|PING6\(\d+=\d+\+\d+\+\d+ bytes\)"
    r"|\d+ bytes from [^\s,]+, icmp_seq=\d"
    r"|\d+ bytes from \S+(?: \([^()]*\))?: (?!seq=)[A-Za-z]"
    r"|Request timeout for icmp_seq \d"
    r"|-*\s*\S+ ping6? statistics"
    r"|\d+ packets transmitted, \d+ packets received,(?: \+\d+ duplicates,)?"
    r" \d+[.,]\d+% packet loss"
    r"|round-trip min/avg/max/std-?dev = "
    r"|ping6?: (?:sendto|sendmsg|cannot resolve|socket|bind|UDP connect|invalid|illegal)"
    r"|Vr HL TOS |Vr TC +Flow |\d+ +\d+ +[0-9a-fA-F]{2} +[0-9a-fA-F]{4} |PATTERN: 0x"
    r"|\^C\s*$)"
)
PING_BSD_HEADER = r"(?:\^C)?PING(?:\s+[^\s(]+\s*\([^()]*\):|6\()"

PING_BUSYBOX = (
    r"(?:\^C)?(?:"
    r"PING\s+[^\s(]+\s*\([^()]*\):\s*\d+\s+data bytes"
    r"|\d+ bytes from \S+: seq=\d"
    r"|-*\s*\S+ ping statistics"
    r"|\d+ packets transmitted, \d+ packets received,(?: \d+ duplicates,)? \d+% packet loss"
    r"|round-trip min/avg/max = "
    r"|ping6?: (?:sendto|bad address|socket|bind|permission denied|can't|warning: got ICMP)"
    r"|\^C\s*$)"
)
PING_BUSYBOX_HEADER = r"(?:\^C)?PING\s+[^\s(]+\s*\([^()]*\):"

# iputils in a Japanese locale: spacing may be full-width.
_JA_SPACE = r"[ \t\u3000]*"
PING_IPUTILS_JA = (
    r"(?:\^C)?(?:\[\d+(?:[.,]\d+)?\]\s*)?(?:"
    r"PING\s+[^\s(]+\s*\([^\n]*(?:バイトのデータ|データ長)"
    rf"|\d+{_JA_SPACE}バイト応答{_JA_SPACE}送信元\s"
    r"|送信元\s+\S+?:?\s+(?:icmp_seq=\d+\s+)?\S"
    rf"|icmp_seq=\d+{_JA_SPACE}が未応答です"
    rf"|-*\s*\S+\s+ping{_JA_SPACE}統計"
    rf"|送信パケット数{_JA_SPACE}\d+"
    r"|rtt\s*最小/平均/最大"
    r"|pipe \d+"
    r"|ping[46]?:\s[^\n]*[\u3040-\u30ff\u4e00-\u9fff]"
    r"|警告:"
    r"|パターン: 0x|\d+/\d+ パケット, |記録されていないホップ数: "
    r"|\^C\s*$)"
)
PING_IPUTILS_JA_HEADER = r"(?:\^C)?PING\s+[^\s(]+\s*\([^\n]*(?:バイトのデータ|データ長)"

PING_WINDOWS_EN = (
    r"(?:Pinging \S+ (?:\[[^\]]*\] )?(?:from \S+ )?with \d+ bytes of data"
    r"|Reply from \S+: "
    r"|Request timed out\.?$"
    r"|General failure\.?$"
    r"|(?:PING: )?(?i:transmit failed)"
    r"|Destination (?:host|net|protocol|port) unreachable\.?$"
    r"|Hardware error\.?$"
    r"|Packet needs to be fragmented but DF set\.?$"
    r"|Ping statistics for \S"
    r"|Packets: Sent = \d"
    r"|Approximate round trip times in milli-seconds"
    r"|Minimum = \d+ms, Maximum = "
    r"|Ping request could not find host "
    r"|Control-(?:C|Break)$"
    r"|\^C$)"
)
PING_WINDOWS_EN_HEADER = (
    r"Pinging \S+ (?:\[[^\]]*\] )?(?:from \S+ )?with \d+ bytes of data"
)

# Japanese Windows: spacing full-width included (the shape sees the raw text), and
# full-width `=` and `:`.
_S = r"[\s\u3000]*"
_EQ = r"[=＝]"
_COLON = r"[:：]"
PING_WINDOWS_JA = (
    r"(?:"
    rf"\S.*?に{_S}(?:\S+{_S}から{_S})?ping{_S}を送信しています"
    rf"|\S+{_S}からの応答{_S}{_COLON}"
    r"|要求がタイムアウトしました"
    r"|一般エラーです"
    rf"|(?i:ping){_S}{_COLON}{_S}転送に失敗"
    r"|宛先(?:ホスト|ネットワーク|プロトコル|ポート)に到達できません"
    r"|パケットの断片化が必要"
    rf"|\S+{_S}の{_S}ping{_S}統計"
    rf"|パケット数{_S}{_COLON}{_S}送信"
    rf"|ラウンド{_S}トリップの概算時間"
    rf"|最小{_S}{_EQ}"
    rf"|ping{_S}要求ではホスト"
    r"|Ctrl\+C$|Control-C$|\^C$)"
)
PING_WINDOWS_JA_HEADER = rf"\S.*?に{_S}(?:\S+{_S}から{_S})?ping{_S}を送信しています"

# ---------------------------------------------------------------- traceroute

# The traceroute headers only the BSD and BusyBox traceroutes print. The three print
# the same hop lines, so a header is what tells them apart: BusyBox's default packets
# are 46 bytes (IPv4, every probe method) and 72 bytes (IPv6); the BSD ones (macOS,
# FreeBSD) 52 or 40 bytes, and KAME's traceroute6 names itself. Linux traceroute 2.x
# prints `traceroute to` with 60/80-byte packets (any size given on its command line).
_HEADER_START = r"traceroute\s+to\s+\S+\s*\("
BUSYBOX_HEADER = (
    _HEADER_START + r"(?:[^():\s]*\)(?:\s+from\s+\S+)?,\s*\d+\s+hops\s+max,\s*46"
    r"|[^()\s]*:[^()\s]*\)(?:\s+from\s+\S+)?,\s*\d+\s+hops\s+max,\s*72)\s+byte\s+packets"
)
BSD_HEADER = (
    r"(?:traceroute6\s+to\s+\S+\s*\(|" + _HEADER_START
    + r"[^()\s]*\)(?:\s+from\s+\S+)?,\s*\d+\s+hops\s+max,\s*(?:40|52)\s+byte\s+packets)"
)

_RTT = r"\d+(?:[.,]\d+)?\s*ms"
# A name may carry the `http://` a chat client's linkifier put before it.
_ADDR = r"[\w.:%/-]+(?:\s+\([^()\s]*\))?"
# Errors about the local host (the grammar's LOCAL_ERROR): `connect: Network is unreachable`.
_LOCAL_ERROR = (
    r"(?:traceroute6?:\s+)?(?:(?:connect|send\w*|recv\w*|bind|socket|setsockopt|getsockopt"
    r"|poll|select|ioctl)(?:\s[A-Z][A-Z0-9_]*)?:\s|unknown host)"
    r"|You do not have enough privileges"
    r"|[^\s:]+:\s(?:Name or service not known|Temporary failure in name resolution"
    r"|No address associated with hostname|Address family for hostname not supported"
    r"|Unknown host)"
    r'|Cannot handle "host" cmdline arg'
)
# The lines of traceroute output after its header: hop lines, further addresses, local
# errors (GNU inetutils prints them after a TTL). The BSD and BusyBox dialects print the
# same.
TRACEROUTE_BODY = (
    r"\d{1,3}\s+(?:\*(?:\s|$)|(?:\[[^\]\s]*\]\s+)?" + _ADDR
    + r"(?:\s+\[[^\]\s]*\])?(?:\s+<[^>]*>)?(?:\s+'-?\d+')?\s+" + _RTT + r"(?!\S))"
    r"|(?:\[[^\]\s]*\]\s+)?" + _ADDR + r"\s+" + _RTT + r"(?!\S)"
    r"|(?:\d{1,3}\s+(?=traceroute6?:))?(?:" + _LOCAL_ERROR + ")"
)
# Linux traceroute 2.x. Ping's shape comes first and takes the error lines both print.
# The headers only BSD and BusyBox traceroutes print are left to those dialects: they
# score the block for them (`registry.choose_dialect`).
TRACEROUTE = (
    r"(?:(?!" + BSD_HEADER + "|" + BUSYBOX_HEADER + r")traceroute6?\s+to\s+\S+\s*\("
    r"|" + TRACEROUTE_BODY + r")"
)
TRACEROUTE_HEADER = (
    r"traceroute6?\s+to\s+\S+\s*\([^()\s]*\)(?:\s+from\s+\S+)?,\s*\d+\s+hops\s+max"
)
TRACEROUTE_BSD = (
    r"(?:" + BSD_HEADER + "|" + r"traceroute6?:\s+Warning:\s" + "|" + TRACEROUTE_BODY + ")"
)
TRACEROUTE_BUSYBOX = (
    r"(?:" + BUSYBOX_HEADER + "|" + r"traceroute6?:\s+(?:bad address|can't)\s" + "|"
    + TRACEROUTE_BODY + ")"
)

# A tracert hop line: the TTL, probe columns (`<1 ms`, `12 ms`, `*`), the host
# (possessive: a line of other output fails fast).
_TRACERT_COLUMNS = r"\d{1,3}(?:\s++(?:<?\d++\s*+ms|\*)){%s}\s++"
_TRACERT_HOST = r"\S++(?:\s++\[[^\]\s]++\])?"


def _tracert(*, header: str, over: str, timed_out: str, reports: str, complete: str,
             unresolved: str, general_failure: str) -> str:
    """The shape of one language's tracert, from the patterns of its words."""
    return (
        r"(?:" + header + "|" + over
        + "|" + _TRACERT_COLUMNS % "1,3" + "(?:" + timed_out + "|" + _TRACERT_HOST + r")\s*$"
        + "|" + _TRACERT_COLUMNS % "0,2" + _TRACERT_HOST + reports
        + r"|\d{1,3}\s+(?:Transmit\s+error:\s+code\s+\d+\.|" + general_failure + ")"
        + "|" + complete + "|" + unresolved + ")"
    )


TRACERT = _tracert(
    header=r"Tracing\s+route\s+to\s+\S+",
    over=r"(?:from\s+\S+\s+)?over\s+a\s+maximum\s+of\s+\d+\s+hops",
    timed_out=r"Request\s+timed\s+out\.",
    reports=r"\s+reports:\s",
    complete=r"Trace\s+complete\.$",
    unresolved=r"Unable\s+to\s+resolve\s+target\s+system\s+name\s",
    general_failure=r"General\s+failure\.",
)
TRACERT_HEADER = r"Tracing\s+route\s+to\s+\S+"
TRACERT_JA = _tracert(
    header=r"\S.*?へのルートをトレースしています",
    over=r"経由するホップ数は最大\s*\d+\s*です",
    timed_out="要求がタイムアウトしました。",
    reports=r"\s*が次を報告[:：]",
    complete="トレースを完了しました",
    unresolved=r"ターゲット\s*システム名\s",
    general_failure="一般エラーです。",
)
TRACERT_JA_HEADER = r"\S.*?へのルートをトレースしています"

_TRACEPATH_HOST = r"[\w.:%-]+(?:\s+\([^()\s]+\))?"
TRACEPATH = (
    r"(?:\d{1,3}\??:\s+(?:\[LOCALHOST\]|no reply|send failed|" + _TRACEPATH_HOST
    + r"\s+\d+\.\d+ms)"
    r"|Resume:\s+pmtu\s+\d+"
    r"|Too many hops:\s+pmtu\s"
    r"|tracepath6?:\s)"
)
TRACEPATH_HEADER = r"1\??:\s+\[LOCALHOST\]"

MTR_HOST = r"(?:\?\?\?|[\w.:%-]+(?:\s+\([^()\s]+\))?)"
MTR_VALUE = r"\d+(?:\.\d*)?%?"
# A line of an mtr report (a hop needs three numbers after its host: no prose list).
MTR = (
    r"(?:Start:\s+(?:\d{4}-\d\d-\d\dT|\w{3}\s+\w{3}\s+\d)"
    r"|HOST:\s+\S+\s+(?:Loss%|Snt|Last|Avg|Best|Wrst|StDev|Drop|Rcv)\s"
    r"|\d{1,3}\.(?:\|--|\s)\s*(?:AS(?:\d+|\?\?\?)\s+)?" + MTR_HOST + r"(?:\s+" + MTR_VALUE
    + r"){3}"
    r"|\[MPLS:"
    r"|mtr(?:-packet)?:\s)"
)
# The line that starts an mtr report's hops (after `Start:`).
MTR_HEADER = r"HOST:\s+\S+\s+\S"

# ------------------------------------------------------------------ ip_route

ROUTE_TYPES = frozenset(
    {"unicast", "local", "broadcast", "anycast", "multicast", "blackhole", "unreachable",
     "prohibit", "throw", "nat", "xresolve", "unspec"}
)
_TYPE_RE = "|".join(sorted(ROUTE_TYPES))
# A route line or continuation line. Neighbour lines (`192.0.2.1 dev eth0 lladdr ...
# REACHABLE`, `192.0.2.1 dev eth0 router`) are not routes: no word of a route line is a
# neighbour's (checked word by word: a look-ahead over the whole line costs twice as much).
IP_ROUTE = (
    rf"\s*(?:(?:{_TYPE_RE})\s+)?"
    r"(?:default|[0-9A-Fa-f]*[.:][0-9A-Fa-f.:]*(?:/\d{1,3})?)"
    r"(?!\S*\s+dev\s+\S+\s+(?:proxy|router)\s*$)"
    r"\s+(?:from|nhid|via|dev|table|proto|scope|src|metric|onlink|linkdown|dead|encap"
    r"|expires|mtu|uid|pref|error)\b"
    r"(?:\s+(?!(?:lladdr|REACHABLE|STALE|DELAY|PROBE|FAILED|INCOMPLETE|PERMANENT|NOARP)\b)\S+)*+"
    r"\s*$"
    r"|\s*(?:nexthop\s+(?:via|dev|encap)\b|cache\b|nh_info\s).*"
    rf"|\s*(?:(?:{_TYPE_RE})\s+)?[0-9A-Fa-f]*[.:][0-9A-Fa-f.:]*/\d{{1,3}}\s*$"
)

# `ip -j` output. Pretty-printed lines carry no sign of their kind: every `ip -j` dialect
# accepts them (without a command line, `ip -j -p` output is read as the first kind that
# accepts its first line: a route table).
IP_JSON_PRETTY = (
    r"\[ \{|\},\{|\} \]|\},?|\]|\],"
    r'|"[a-z][a-z0-9_]*": (?:\[ \{|\{|\[ (?:.* )?\],?|"(?:[^"\\]|\\.)*",?|-?\d+,?|true,?|false,?'
    r"|null,?)"
)
IP_JSON_HEADER = r"\s*\["
IP_ROUTE_JSON = rf'\s*(?:\[\{{"(?:type|dst)":.*"flags":\[.*|{IP_JSON_PRETTY})\s*$'

# net-tools `route -n` / `netstat -rn`, BSD `netstat -rn`.
ROUTE_TABLE_NET_TOOLS = (
    r"\s*(?:Kernel IP(?:v6)? routing table"
    r"|Destination\s+Gateway\s+Genmask\s+Flags\s.*|Destination\s+Next Hop\s+Flags?\s.*"
    r"|\S+\s+\S+\s+\d+\.\d+\.\d+\.\d+\s+[A-Z!]+(?:\s+(?:-?\d+|-)){3}\s+\S+(?:\s+(?:\d+|-)){0,3}"
    r"|\S+/\d+\s+\S+\s+[A-Za-z!]+\s+-?\d+\s+\d+\s+\d+\s+\S+)\s*$"
)
ROUTE_TABLE_BSD = (
    r"\s*(?:Routing tables|Internet6?:|Destination\s+Gateway\s+Flags\s.*"
    r"|\S+\s+\S+\s+U[ABCDGHILMRSWXYbcgilmrsx123!]*(?:\s+\d+){0,3}\s+[a-z][a-z0-9]*\d+"
    r"(?:\s+(?:\d+|!))?)\s*$"
)
ROUTE_TABLE_HEADER = r"\s*(?:Kernel IP(?:v6)? routing table|Routing tables)\s*$"

# Windows `route print`.
_ROUTE_PRINT_COMMON = (
    r"={40,}|(?:0x)?[0-9A-Fa-f]+\s*\.{3}.*"
    r"|\d{1,3}(?:\.\d{1,3}){3}\s+\d{1,3}(?:\.\d{1,3}){3}\s+\d{1,3}(?:\.\d{1,3}){3}"
    r"(?:\s+\d{1,3}(?:\.\d{1,3}){3})?\s+(?:\d+|\w+)"
    r"|\d+\s+\d+\s+[0-9A-Fa-f:.]+/\d+(?:\s+(?:[0-9A-Fa-f:]+(?:%\d+)?|On-link|リンク上))?"
)
ROUTE_PRINT_EN = (
    rf"\s*(?:{_ROUTE_PRINT_COMMON}|Interface List|IPv[46] Route Table"
    r"|Active Routes:|Persistent Routes:|Network Destination\s+Netmask\s.*"
    r"|Network Address\s+Netmask\s.*|If\s+Metric\s+Network Destination\s.*"
    r"|\d{1,3}(?:\.\d{1,3}){3}\s+\d{1,3}(?:\.\d{1,3}){3}\s+On-link\s+\d{1,3}(?:\.\d{1,3}){3}\s+\d+"
    r"|On-link|Default Gateway:\s+\d{1,3}(?:\.\d{1,3}){3})\s*$"
)
ROUTE_PRINT_JA = (
    rf"\s*(?:{_ROUTE_PRINT_COMMON}|インターフェイス一覧|IPv[46] ルート テーブル"
    r"|アクティブ ルート:|固定ルート:|ネットワーク宛先\s+ネットマスク\s.*"
    r"|ネットワーク アドレス\s+ネットマスク\s.*|If\s+メトリック\s+ネットワーク宛先\s.*"
    r"|\d{1,3}(?:\.\d{1,3}){3}\s+\d{1,3}(?:\.\d{1,3}){3}\s+リンク上\s+\d{1,3}(?:\.\d{1,3}){3}\s+\d+"
    r"|リンク上)\s*$"
)
ROUTE_PRINT_HEADER = r"\s*(?:Interface List|インターフェイス一覧)\s*$"
# `None` / `なし` under `Persistent Routes:` says nothing alone (no shape), only there.
ROUTE_PRINT_CONTINUATION = r"\s*(?:None|なし)\s*$"

# ------------------------------------------------------------------ ip_neigh

IP_NEIGH = (
    r"\s*[0-9A-Fa-f:.]+(?:%\S+)?\s+(?:dev\s+\S+\s+)?(?:lladdr\s+\S+\s+)?"
    r"(?:\S+\s+)*?(?:REACHABLE|STALE|DELAY|PROBE|FAILED|INCOMPLETE|PERMANENT|NOARP|NONE)\b"
    r"|\s*[0-9A-Fa-f:.]+(?:%\S+)?\s+dev\s+\S+\s+(?:lladdr\s+\S+\s+)?(?:proxy|router)\s*$"
)
IP_NEIGH_JSON = rf'\s*(?:\[\{{"dst":"[^"]*",(?:(?!"flags":).)*\]|{IP_JSON_PRETTY})\s*$'

_MAC = r"[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5,19}"
ARP_NET_TOOLS = (
    r"\s*(?:Address\s+HWtype\s+HWaddress\s.*"
    rf"|\S+\s+\S+\s+(?:{_MAC}|<from_interface>)\s+[CMPA!]+(?:\s+\S+)?\s+\S+\s*"
    r"|[0-9A-Fa-f.:]+\s+\(incomplete\)\s+\S+\s*"
    rf"|\S+\s+\([0-9A-Fa-f.:]+\)\s+at\s+(?:{_MAC}\s+\[\w+\]|<incomplete>|<from_interface>|\*)"
    r"(?:\s+(?:PERM|PUB|PUP))*\s+on\s+\S+\s*"
    r"|Entries:\s+\d+\s+Skipped:\s+\d+\s+Found:\s+\d+\s*"
    r"|arp: in \d+ entries no match found\.?\s*)$"
)
ARP_BSD = (
    rf"\s*\S+\s+\([0-9A-Fa-f.:]+\)\s+at\s+(?:{_MAC}|\(incomplete\))\s+on\s+\S+"
    r"(?:\s+(?:ifscope|permanent|published|expires\s+in\s+\d+\s+seconds|expired))*"
    r"(?:\s+\[[\w.]+\])?\s*$"
)
_WINDOWS_ROW = r"[0-9.]+\s+[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5,19}\s+"
ARP_WINDOWS_EN = (
    r"\s*(?:Interface:\s*[0-9.]+\s+---\s+0x[0-9A-Fa-f]+"
    r"|Internet Address\s+Physical Address\s+Type"
    rf"|{_WINDOWS_ROW}(?:dynamic|static|invalid)|No ARP Entries Found\.?)\s*$"
)
ARP_WINDOWS_JA = (
    r"\s*(?:インターフェイス:\s*[0-9.]+\s+---\s+0x[0-9A-Fa-f]+"
    r"|インターネット アドレス\s+物理アドレス\s+種類"
    rf"|{_WINDOWS_ROW}(?:動的|静的|無効)|ARP エントリが見つかりませんでした。?)\s*$"
)
# `arp -n` starts with its column titles; Windows repeats `Interface:` inside one output.
ARP_HEADER = r"\s*Address\s+HWtype\s+HWaddress\s"

# ------------------------------------------------------------------- ip_addr

OPERSTATES = ("UP", "DOWN", "UNKNOWN", "LOWERLAYERDOWN", "DORMANT", "NOTPRESENT", "TESTING")
# Interface names are printable ASCII without `:`/`@` (so prose like the guide's
# `2: 「インターフェース名」: <...>` template is not an interface).
IFNAME = r"[\x21-\x39\x3b-\x3f\x41-\x7e]+"
# An address word of `ip -br`: IPv4, IPv6, with a zone and a prefix length.
ADDRESS_WORD = r"[0-9A-Fa-f.:]*[.:][0-9A-Fa-f.:]*(?:%\S+)?(?:/\d{1,3})?"
IP_ADDR = (
    r"\s*(?:"
    rf"\d+:\s+{IFNAME}(?:@[^\s:]+)?:\s*<[^>]*>.*"
    r"|\d+:\s+[^\s:@]+\s+inet6?\s.*"
    r"|link/[\w./-]+(?:\s+(?:[0-9A-Fa-f][0-9A-Fa-f:.\-]*|::|[a-z_]+)(?:\s.*)?)?$"
    r"|inet6?\s+[0-9A-Fa-f.:]+(?:/\d{1,3}|\s+peer\s).*"  # not ifconfig's `inet A  netmask M`
    r"|valid_lft\s.*"
    r"|altname\s+\S+\s*"
    r"|vlan\s+protocol\s.*"
    r"|(?:veth|bridge_slave|bond_slave|vrf_slave)(?:\s.*)?"
    r"|[a-z][a-z0-9_]*\s.*\b(?:addrgenmode|numtxqueues)\b.*"
    r"|(?:RX|TX)(?::|\s+errors:).*"
    r"|\d+(?:\.\d+)?[KMGTPkmgtp]?i?(?:\s+\d+(?:\.\d+)?[KMGTPkmgtp]?i?){3,}\s*"  # `-h`: 24.4k
    rf"|[^\s:]+\s+(?:{'|'.join(OPERSTATES)})(?:\s+(?:{ADDRESS_WORD}|<[^>]*>)(?:\s.*)?)?\s*"
    r")$"
)
# A listing starts at interface 1 (`lo`, first in every network namespace): two outputs
# pasted back to back are split there, never between the interfaces of one output.
IP_ADDR_HEADER = r"\s*1:\s+[^\s:@]+(?:@[^\s:]+)?:\s*<"
IP_ADDR_JSON = rf'\s*(?:\[\{{"(?:ifindex|ifname|link_index)":.*|{IP_JSON_PRETTY})\s*$'

_IFCONFIG_HEADER = r"\S+:\s+flags=[0-9A-Fa-fx]+<[^>]*>.*"
IFCONFIG_NET_TOOLS = (
    rf"\s*(?:{_IFCONFIG_HEADER}"
    r"|\S+\s+Link encap:.*"
    r"|inet\s+addr:\s*\S+.*|inet6\s+addr:\s*\S+.*"
    r"|(?:[A-Z][A-Z0-9_-]*\s+)*MTU:\s*\d+\s+Metric:\d+.*"
    r"|inet\s+[\d.]+\s+netmask\s+\d+\.\d+\.\d+\.\d+.*"
    r"|inet6\s+[0-9A-Fa-f:.]+\s+prefixlen\s+\d+\s+scopeid\s+0x[0-9a-f]+<\w+>.*"
    r"|(?:ether|loop|unspec|ppp|tunnel|sit|infiniband)\s+(?:\S+\s+)?txqueuelen\s+\d+.*"
    r"|(?:RX|TX)\s+(?:packets|errors|bytes)[\s:].*"
    r"|collisions:\d+.*|device\s+(?:interrupt|memory)\s.*|Interrupt:\d+.*)$"
)
IFCONFIG_BSD = (
    rf"\s*(?:{_IFCONFIG_HEADER}"
    r"|inet\s+[\d.]+\s+(?:-->\s+[\d.]+\s+)?netmask\s+0x[0-9a-fA-F]+.*"
    r"|inet\s+[\d.]+/\d+(?:\s+(?:broadcast|-->)\s+[\d.]+)?(?:\s+vhid\s+\d+)?\s*"
    r"|inet6\s+[0-9A-Fa-f:.]+(?:%\S+)?\s+prefixlen\s+\d+(?:\s+[a-z]+)*(?:\s+scopeid\s+0x[0-9a-f]+)?\s*"
    r"|(?:ether|lladdr)\s+[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5}\s*"
    r"|hwaddr\s+[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5}(?:\s.*)?"
    r"|(?:nd6\s+)?options=[0-9a-f]+<[^>]*>\s*|media:\s.*"
    r"|status:\s+(?:active|inactive|no carrier)\s*"
    r"|groups:\s.*|member:\s+\S+\s+flags=.*|ifmaxaddr\s+\d+\s.*|Configuration:\s*"
    r"|id\s+\S+\s+priority\s.*|maxage\s+\d+\s.*|root\s+id\s.*|ipfilter\s.*"
    r"|vlan:\s*\d+\s.*|type:\s.*|link\s+rate:\s.*|generation\s+id:\s.*"
    r"|(?:uplink|downlink)\s+rate:\s.*|state\s+availability:\s.*|low\s+power\s+mode:\s.*"
    r"|link\s+quality:\s.*|agent\s+domain:.*|netif:\s.*|multi:\s.*"
    r"|plugged:\s.*|vendor:\s.*|module\s+temperature:\s.*|lane\s+\d+:\s.*)$"
)

# Windows `ipconfig`. A value continued alone (a second gateway, a DNS server, a search
# domain) is no shape of its own: bare addresses are other outputs' lines too (`ping -R`,
# `dig +short`). It is known by where ipconfig puts it, under the values (column 39),
# right below the line it continues (the CONTINUATION, on the unstripped line).
_ADAPTER = r"\S.*\S\s+{}\s+\S.*:"
_LEADER = r"\S[^:]*?(?:\s?\.){2,}\s?:(?:\s.*)?"  # `key . . . : value` (two dots or more)
IPCONFIG_EN = (
    rf"\s*(?:Windows IP Configuration|{_ADAPTER.format('adapter')}|{_LEADER}"
    r"|Connection-specific DNS Suffix(?: Search List)?\s+\.?\s*:.*)\s*$"
)
IPCONFIG_JA = rf"\s*(?:Windows IP 構成|{_ADAPTER.format('アダプター')}|{_LEADER})\s*$"
IPCONFIG_HEADER = r"\s*Windows IP (?:Configuration|構成)\s*$"
IPCONFIG_CONTINUATION = r" {20,}\S+\s*$"


def either(*patterns: str) -> str:
    """One pattern matching what any of `patterns` matches (a module's several dialects)."""
    return "|".join(f"(?:{p})" for p in patterns)
