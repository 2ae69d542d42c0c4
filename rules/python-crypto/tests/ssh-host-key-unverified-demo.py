# path: demos/demo_simple.py
import paramiko

client = paramiko.SSHClient()
client.load_system_host_keys()
# ok: python-crypto/ssh-host-key-unverified
client.set_missing_host_key_policy(paramiko.WarningPolicy())
