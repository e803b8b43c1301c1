"""Every fixed text of the escalation request, in English and in the guide's Japanese.

The Japanese requests, section titles and group titles are the guide's own words
(`fixtures/guide/troubleshooting-guide.ja.txt`); the English ones are design.md's.
"""

from __future__ import annotations

from collections.abc import Mapping

Texts = Mapping[str, Mapping[str, str]]

# The request sentence of each branch (the guide's "…という旨の調査依頼").
REQUESTS: Texts = {
    "l2": {
        "en": "`ip neigh show` shows no same-segment server (ARP entry) and the default "
              "gateway does not answer ping",
        "ja": "ip neigh showで同一IPセグメントのサーバー(ARPエントリー)が見えず、"
              "デフォゲとのping疎通もできない",
    },
    "l2_duplicate": {
        "en": "ping to {target} on the same segment gets duplicate replies (DUP!): two "
              "devices may be using that IP address",
        "ja": "同一IPセグメントの{target}へのpingで応答が重複して返ってくる(DUP!)",
    },
    "gateway": {
        "en": "same-segment servers are visible in `ip neigh show`, but the default gateway "
              "does not answer ping",
        "ja": "ip neigh showで同一IPセグメントのサーバー(ARPエントリー)が見えるが"
              "デフォゲとのping疎通ができない",
    },
    "path": {
        "en": "no ping reply from the destination, but the default gateway replies",
        "ja": "宛先からのping応答がないがデフォゲからのping応答はある",
    },
    "path_loss": {
        "en": "part of the pings to the destination are lost (intermittent packet loss)",
        "ja": "宛先へのpingで断続的にパケットロスが発生している",
    },
    "path_other": {
        "en": "communication with the destination fails on the path between the gateways",
        "ja": "宛先との通信が経路上(GW間)で失敗している",
    },
    "l2_onlink": {
        "en": "`ip neigh show` shows no same-segment server (ARP entry) and the destination "
              "on the same segment does not answer ping",
        "ja": "ip neigh showで同一IPセグメントのサーバー(ARPエントリー)が見えず、"
              "同一セグメントの宛先とのping疎通もできない",
    },
    "onlink_down": {
        "en": "same-segment servers are visible in `ip neigh show`, but the destination on "
              "the same segment does not answer ping",
        "ja": "ip neigh showで同一IPセグメントのサーバー(ARPエントリー)が見えるが"
              "同一セグメントの宛先とのping疎通ができない",
    },
}

# What to do instead of escalating.
INSTEAD: Texts = {
    "host": {
        "en": "No request to the network team: the suspect is the host's own "
              "configuration. Fix the settings of the server/client.",
        "ja": "ネットワーク管理者への調査依頼は不要です。被疑箇所はホスト自身の設定のため、"
              "サーバー/クライアントの設定を修正してください。",
    },
    "access_likely": {
        "en": "No routing request: routing works, and access permission is the likely "
              "problem (a port, a firewall or an ACL). See the guide's section on access "
              "denial.",
        "ja": "ルーティングは問題がなく、アクセス許可がされていない可能性が高いです。"
              "「アクセス拒否されている場合の被疑箇所の特定(作成中)」を参照してください。",
    },
    "access_denied": {
        "en": "No routing request: routing works, and access is not permitted (a device "
              "rejects the traffic). See the guide's section on access denial.",
        "ja": "ルーティングは問題がなく、アクセス許可がされていないです。"
              "「アクセス拒否されている場合の被疑箇所の特定(作成中)」を参照してください。",
    },
    "undetermined": {
        "en": "Not enough in the paste for a request yet: run the commands below, then "
              "analyse the new paste.",
        "ja": "この出力だけでは調査依頼に必要な情報が揃っていません。次のコマンドを実行し、"
              "その結果を含めて再度確認してください。",
    },
}

GROUPS: Texts = {
    "required": {"en": "Required", "ja": "必須"},
    "if_used": {"en": "Required if VLANs are used", "ja": "利用していれば必須"},
    "optional": {"en": "If available", "ja": "あれば"},
}

SECTIONS: Texts = {
    "names": {"en": "The client and server names, their location",
              "ja": "問題となっているクライアントとサーバー名、位置情報等"},
    "switch": {"en": "The switch name and switch interface number that connect them",
               "ja": "問題となっているクライアントとサーバーを接続しているスイッチ名と"
                     "スイッチのインターフェース番号"},
    "addresses": {"en": "The client's and server's IP addresses with prefix",
                  "ja": "問題となっているクライアントとサーバーのIPアドレス"},
    "gateway": {"en": "The IP configured as default gateway",
                "ja": "デフォゲとして指定しているIPアドレス"},
    "interface": {"en": "IP and MAC of the host interface that carries the default route",
                  "ja": "デフォゲの設定をしているサーバーのインターフェースのIPアドレスと"
                        "MACアドレス"},
    "paths": {"en": "The path each way (traceroute from both ends)",
              "ja": "クライアントとサーバーがお互いにどの経路を通って通信しているかの情報"},
    "commands": {"en": "Every command run so far, with its output",
                 "ja": "ここまでで調査したコマンドと結果すべて"},
    "vlan": {"en": "The VLAN number of the client and server",
             "ja": "問題となっているクライアントとサーバーのVLAN番号"},
    "hostnames": {"en": "The client and server names", "ja": "クライアントとサーバー名"},
    "time": {"en": "The time window of the event (to the hour at least)",
             "ja": "事象を確認した時間帯"},
}

LABELS: Texts = {
    "source.name": {"en": "Source host name (where the commands ran)",
                    "ja": "送信元のホスト名(コマンドを実行したホスト)"},
    "source.location": {"en": "Source host location", "ja": "送信元の位置情報"},
    "destination.name": {"en": "Destination host name", "ja": "宛先のホスト名"},
    "destination.location": {"en": "Destination host location", "ja": "宛先の位置情報"},
    "source.switch": {"en": "Switch name and port the source host is connected to",
                      "ja": "送信元を接続しているスイッチ名とインターフェース番号"},
    "source.address": {"en": "Source host IP address (with prefix)", "ja": "送信元のIPアドレス"},
    "destination.address": {"en": "Destination IP address (with prefix)",
                            "ja": "宛先のIPアドレス"},
    "source.gateway": {"en": "Default gateway IP", "ja": "デフォゲのIPアドレス"},
    "source.interface_address": {
        "en": "IP address of {dev} (the interface of the default route)",
        "ja": "{dev}のIPアドレス"},
    "source.mac": {"en": "MAC address of {dev} (the interface of the default route)",
                   "ja": "{dev}のMACアドレス"},
    "source.link": {"en": "State and MTU of {dev}", "ja": "{dev}の状態(UP/DOWN)とMTU"},
    "source.vlan": {"en": "Source host VLAN ID", "ja": "送信元のVLAN番号"},
    "destination.vlan": {"en": "Destination VLAN ID", "ja": "宛先のVLAN番号"},
    "path.forward": {"en": "Path from the source host to the destination (traceroute)",
                     "ja": "送信元から宛先への経路(traceroute)"},
    "path.reverse": {"en": "Path from the destination back to the source host (traceroute)",
                     "ja": "宛先から送信元への経路(traceroute)"},
    "time_window": {"en": "Time window of the event", "ja": "事象を確認した時間帯"},
}

HINTS: Texts = {
    "name": {"en": "run `hostname` on {host}",
             "ja": "{host}で「hostname」を実行して確認してください"},
    "location": {"en": "where it stands: site, floor and rack (or data centre / cloud region)",
                 "ja": "設置場所(拠点・フロア・ラック番号、またはデータセンター/リージョン)"},
    "switch": {"en": "LLDP shows it: `lldpctl` or `networkctl lldp` on the host; otherwise "
                     "the cabling records",
               "ja": "LLDPで確認できます(ホスト上で「lldpctl」または「networkctl lldp」)。"
                     "使えない場合は配線表で確認してください"},
    "address": {"en": "run `ip address show` on {host}",
                "ja": "{host}で「ip address show」を実行して確認してください"},
    "prefix": {"en": "the prefix length is not in the paste: run `ip address show` on {host}",
               "ja": "プレフィックス長が出力にありません。{host}で「ip address show」を実行して"
                     "確認してください"},
    "gateway": {"en": "run `ip route show` (the `default via` line)",
                "ja": "「ip route show」のdefault viaの行で確認してください"},
    "mac": {"en": "run `ip address show` (the `link/ether` line)",
            "ja": "「ip address show」のlink/etherの行で確認してください"},
    "link": {"en": "run `ip address show` (`mtu` and `state` on the interface's first line)",
             "ja": "「ip address show」のインターフェースの1行目(mtu、state)で確認してください"},
    "vlan": {"en": "from the interface name (`ens192.100`, `vlan100`), `ip -d link show`, or "
                   "the switch port's setting",
             "ja": "インターフェース名(ens192.100、vlan100など)、「ip -d link show」、"
                   "またはスイッチポートの設定で確認してください"},
    "time": {"en": "run `date` when it happens, or use `ping -D` (timestamps); to the hour "
                   "at least",
             "ja": "事象発生時に「date」を実行するか、「ping -D」(タイムスタンプ付き)で確認して"
                   "ください。最低限、一時間単位で正確な時間帯が必要です"},
    "time_date": {"en": "the date is not in the paste: add it",
                  "ja": "日付が出力にありません。日付を追記してください"},
    "forward": {"en": "run `traceroute -n {dest}` on {host}",
                "ja": "{host}で「traceroute -n {dest}」を実行してください"},
    "reverse": {"en": "run `traceroute -n {own}` on {dest}",
                "ja": "{dest}で「traceroute -n {own}」を実行してください"},
}

# Small words used inside values and the ticket.
WORDS: Texts = {
    "this_host": {"en": "the source host", "ja": "送信元"},
    "destination": {"en": "the destination", "ja": "宛先"},
    "interface": {"en": "the interface", "ja": "インターフェース"},
    "own_ip": {"en": "<IP address of {host}>", "ja": "<{host}のIPアドレス>"},
    "no_reply": {"en": "no reply at hops {first}–{last}", "ja": "ホップ{first}〜{last}は応答なし"},
    "no_reply_one": {"en": "no reply at hop {first}", "ja": "ホップ{first}は応答なし"},
    "loop": {"en": "loop: repeats up to hop {last}", "ja": "ループ: ホップ{last}まで繰り返し"},
    "reached": {"en": "reached", "ja": "到達"},
    "not_reached": {"en": "not reached", "ja": "未到達"},
    "no_command_line": {"en": "(output without its command line)", "ja": "(コマンド行のない出力)"},
    "zone_unknown": {"en": "time zone not shown", "ja": "タイムゾーン不明"},
    # ticket
    "subject": {"en": "Investigation request: {request}", "ja": "【調査依頼】{request}"},
    "please": {"en": "{request}. Please investigate.",
               "ja": "{request}ため、調査をお願いいたします。"},
    "finding": {"en": "netblame's finding: {summary}", "ja": "netblameによる判定: {summary}"},
    "to_fill": {"en": "[TO FILL IN]", "ja": "【要記入】"},
    "line": {"en": "(line {n})", "ja": "({n}行目)"},
    "see_log": {"en": "see the log below ({n} commands)", "ja": "下記のログのとおり({n}件)"},
    "log": {"en": "Commands and output (as pasted, only secrets masked; left: line number)",
            "ja": "コマンドと結果(貼り付けた内容のまま、秘匿情報のみマスク。左端は行番号)"},
    "actions": {"en": "What to do", "ja": "対応"},
    "on_host": {"en": " (on {host})", "ja": "({host}で実行)"},
    # report section
    "section": {"en": "Escalation request", "ja": "ネットワーク管理者への調査依頼"},
    "request": {"en": "Request", "ja": "依頼内容"},
    "found": {"en": "Filled from the paste", "ja": "出力から記入済み"},
    "missing": {"en": "Still missing (add before sending)",
                "ja": "未記入(送信前に追記してください)"},
    "commands": {"en": "{n} commands with their output (`--format ticket` prints them)",
                 "ja": "コマンドと結果 {n} 件(--format ticketで全文を出力)"},
    "missing_note": {"en": "{n} required items are missing ({marker}); fill them in before "
                           "sending",
                     "ja": "必須項目が {n} 件未記入です({marker})。送信前に記入してください"},
}


def say(table: Texts, key: str, lang: str, **values: str) -> str:
    """The text `key` of `table` in `lang` (English without a translation), filled in."""
    messages = table[key]
    template = messages.get(lang) or messages["en"]
    return template.format(**values) if values else template
