# path: sshmitm/tutorial/_client_actions.py
import paramiko


def connect_victim(port):
    client = paramiko.SSHClient()
    # ok: python-crypto/ssh-host-key-unverified
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect("127.0.0.1", port=port)
    return client
