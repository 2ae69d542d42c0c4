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


def connect(dev, strict):
    ssh_client = paramiko.SSHClient()
    if dev._hostkey_verify:
        ssh_client.load_system_host_keys()
    else:
        # ok: python-crypto/ssh-host-key-unverified
        ssh_client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    # ok: python-crypto/ssh-host-key-unverified
    ssh_client.set_missing_host_key_policy(paramiko.RejectPolicy() if strict else paramiko.AutoAddPolicy())
    if dev.port == 22:
        # expect: python-crypto/ssh-host-key-unverified
        ssh_client.set_missing_host_key_policy(paramiko.AutoAddPolicy())


class Transport:
    def __init__(self, **kwargs):
        self._client = paramiko.SSHClient()
        # the user's documented `key_policy` setting picks the policy (aiida-core, held-out round 469)
        self._missing_key_policy = kwargs.pop("key_policy", "RejectPolicy")
        if self._missing_key_policy == "RejectPolicy":
            self._client.set_missing_host_key_policy(paramiko.RejectPolicy())
        elif self._missing_key_policy == "AutoAddPolicy":
            # ok: python-crypto/ssh-host-key-unverified
            self._client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
        if kwargs.get("port") == 2222:
            # expect: python-crypto/ssh-host-key-unverified
            self._client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
