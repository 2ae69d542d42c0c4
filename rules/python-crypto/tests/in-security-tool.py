# description: RouterSploit - Exploitation Framework for Embedded Devices
# A penetration-testing tool meets its targets' certificates and host keys for the first time: accepting
# them is its job (routersploit, kube-hunter, pacu, XSStrike; rules say `unless_project: security-tool`).
import ssl

import paramiko
import requests


def run(target, port):
    ssh = paramiko.SSHClient()
    # ok: python-crypto/ssh-host-key-unverified
    ssh.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    # ok: python-crypto/verify-disabled
    requests.get(f"https://{target}:{port}/cgi-bin/luci", verify=False)
    ctx = ssl.create_default_context()
    # ok: python-crypto/hostname-check-off
    ctx.check_hostname = False
    # ok: python-crypto/cert-verification-off
    ctx.verify_mode = ssl.CERT_NONE
    # ok: python-crypto/unverified-ssl-context
    return ssl._create_unverified_context()
