# path: Demo/simplebrowse.py
import ldap

conn = ldap.initialize("ldap://localhost")
try:
    conn.simple_bind_s("", "")
# ok: python-standards/bare-except
except:
    print("bind failed")
