# description: Keeps track of failed login attempts and protects Django sites against brute-force attacks
# A library that resists attacks is no security tool: the words "attacks" and "brute-force" do not make it one.
import ssl

import paramiko
import requests


def notify(host, url):
    ssh = paramiko.SSHClient()
    # expect: python-crypto/ssh-host-key-unverified
    ssh.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    # expect: python-crypto/verify-disabled
    requests.post(url, json={"host": host}, verify=False)
    ctx = ssl.create_default_context()
    # expect: python-crypto/hostname-check-off
    ctx.check_hostname = False
    # expect: python-crypto/cert-verification-off
    ctx.verify_mode = ssl.CERT_NONE
    # expect: python-crypto/unverified-ssl-context
    return ssl._create_unverified_context()
