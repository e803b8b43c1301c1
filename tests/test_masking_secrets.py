"""Secrets never reach the escalation's copy of the commands; everything else stays."""

from __future__ import annotations

import pytest

from analyzer.diagnose.engine import diagnose
from analyzer.escalation.mask_secrets import MASK, mask_line, mask_secrets
from analyzer.parse import parse_bytes
from analyzer.transcript import Line


@pytest.mark.parametrize(("line", "masked"), [
    ("mysql -u app --password=hunter2 -h db", "mysql -u app --password=******** -h db"),
    ("vault login --token s.8Hk2", "vault login --token ********"),
    ("curl -H 'Authorization: Bearer eyJ.abc' https://x/y",
     "curl -H 'Authorization: Bearer ********' https://x/y"),
    ("> Authorization: Basic dXNlcjpwYXNz", "> Authorization: Basic ********"),
    ("Proxy-Authorization: Negotiate YIIF", "Proxy-Authorization: Negotiate ********"),
    ("Cookie: session=abc; theme=dark", "Cookie: ********"),
    ("X-Api-Key: 12345", "X-Api-Key: ********"),
    ("git clone https://deploy:gh-s3cret@git.example/r.git",
     "git clone https://deploy:********@git.example/r.git"),
    ("curl -u admin:pa55 https://x", "curl -u admin:******** https://x"),
    ('{"password": "two words", "user": "a"}', '{"password": "********", "user": "a"}'),
    ("export API_TOKEN=ghp_xyz", "export API_TOKEN=********"),
    ("db_passwd: letmein", "db_passwd: ********"),
    ("client_secret=abc&grant=1", "client_secret=********&grant=1"),
    ("パスワード：himitsu", "パスワード：********"),
])
def test_secret_values_are_masked(line: str, masked: str) -> None:
    assert mask_line(line) == masked
    assert mask_line(masked) == masked  # masking twice changes nothing


@pytest.mark.parametrize("line", [
    "64 bytes from 203.0.113.10: icmp_seq=1 ttl=61 time=0.103 ms",
    "default via 192.0.2.1 dev ens192 proto static metric 100",
    "    link/ether 00:00:5e:00:53:10 brd ff:ff:ff:ff:ff:ff link-netns nblab-swc",
    "sudo -u postgres psql",
    "ping -p ff -c 3 192.0.2.1",
    "ssh admin@db01",
])
def test_ordinary_lines_are_untouched(line: str) -> None:
    assert mask_line(line) == line


def test_private_key_body_is_masked_and_line_numbers_kept() -> None:
    lines = [Line(1, "$ cat id_ed25519"), Line(2, "-----BEGIN OPENSSH PRIVATE KEY-----"),
             Line(3, "b3BlbnNzaC1rZXktdjEAAAAABG5vbmU="), Line(4, ""),
             Line(5, "QyNTUxOQAAACDk"), Line(6, "-----END OPENSSH PRIVATE KEY-----"),
             Line(7, "$ echo done")]
    assert mask_secrets(lines) == (
        Line(1, "$ cat id_ed25519"), Line(2, "-----BEGIN OPENSSH PRIVATE KEY-----"),
        Line(3, MASK), Line(4, ""), Line(5, MASK), Line(6, "-----END OPENSSH PRIVATE KEY-----"),
        Line(7, "$ echo done"))


def test_escalation_copy_has_no_secret_but_the_rest_as_pasted() -> None:
    paste = ("[root@app01 ~]# curl -s -u ops:Tr0ub4dor https://cmdb.example/api?token=abc123\n"
             "{\"ok\": true}\n"
             "[root@app01 ~]# ping -c 2 192.0.2.1\n"
             "PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.\n\n"
             "--- 192.0.2.1 ping statistics ---\n"
             "2 packets transmitted, 0 received, 100% packet loss, time 1001ms\n"
             "[root@app01 ~]# ip route show\n"
             "default via 192.0.2.1 dev eth0\n"
             "192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.10\n"
             "[root@app01 ~]# ip neigh show\n"
             "192.0.2.1 dev eth0 FAILED\n")
    esc = diagnose(parse_bytes(paste.encode())).escalation
    assert esc is not None and esc.kind == "l2"
    copies = [i for i in esc.items if i.section == "commands"]
    assert copies[0].label == "curl -s -u ops:******** https://cmdb.example/api?token=********"
    assert copies[0].value == ("[root@app01 ~]# curl -s -u ops:******** "
                               "https://cmdb.example/api?token=********\n{\"ok\": true}")
    assert "\n".join(i.value or "" for i in copies[1:]) == "\n".join(paste.splitlines()[2:])
