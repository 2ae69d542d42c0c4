import paramiko
from paramiko import client
from paramiko.client import WarningPolicy

ssh = client.SSHClient()
# expect: python-crypto/ssh-host-key-unverified
ssh.set_missing_host_key_policy(client.AutoAddPolicy)
# expect: python-crypto/ssh-host-key-unverified
ssh.set_missing_host_key_policy(paramiko.AutoAddPolicy())
# expect: python-crypto/ssh-host-key-unverified
ssh.set_missing_host_key_policy(policy=WarningPolicy)
# ok: python-crypto/ssh-host-key-unverified
ssh.set_missing_host_key_policy(paramiko.RejectPolicy())
# ok: python-crypto/ssh-host-key-unverified
POLICIES = {"auto": paramiko.AutoAddPolicy}
