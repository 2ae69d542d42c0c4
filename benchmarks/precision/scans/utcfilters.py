"""Whether a pytest `filterwarnings` entry that ignores `utcnow`'s own deprecation (`ignore:.*utcfromtimestamp:
DeprecationWarning`) says the team decided against the change: gphotos-sync ignores it, and its 2 `utcnow`
findings were judged noise (held-out round 424). Measured over every labelled `utcnow` finding (pytest.ini,
pyproject.toml, tox.ini and setup.cfg at the label's commit): where such an entry matches the call's message,
22 findings were judged worth saying (treeherder 21, scout_apm_python 1) and 1 noise. Ignoring a deprecation
in the tests is a way to keep CI green until the fix, not a decision against it: the rules do not read it."""
import collections
import configparser
import re
import tomllib

from mirrors import labelled, texts

MSG={'utcnow':"datetime.datetime.utcnow() is deprecated and scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in UTC: datetime.datetime.now(datetime.UTC).",
     'utcfromtimestamp':"datetime.datetime.utcfromtimestamp() is deprecated and scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in UTC: datetime.datetime.fromtimestamp(timestamp, datetime.UTC)."}
cache={}
def filters(d,c):
    if (d,c) in cache: return cache[(d,c)]
    t=texts(d,c,['pytest.ini','pyproject.toml','tox.ini','setup.cfg'])
    lines=[]
    for name,txt in t.items():
        if name=='pyproject.toml':
            try: fw=tomllib.loads(txt).get('tool',{}).get('pytest',{}).get('ini_options',{}).get('filterwarnings',[])
            except Exception: fw=[]
            if isinstance(fw,str): fw=fw.splitlines()
            lines+=fw
        else:
            cp=configparser.RawConfigParser()
            try: cp.read_string(txt)
            except Exception: continue
            for sec in ('pytest','tool:pytest'):
                if cp.has_section(sec) and cp.has_option(sec,'filterwarnings'): lines+=cp.get(sec,'filterwarnings').splitlines()
    cache[(d,c)]=[l.strip() for l in lines if isinstance(l,str) and l.strip()]
    return cache[(d,c)]
def hit(fl, msg):
    for f in fl:
        parts=f.split(':')
        if parts[0]!='ignore' or len(parts)<2: continue
        m=parts[1]; cat=parts[2] if len(parts)>2 else ''
        if cat and 'Deprecat' not in cat and cat not in ('Warning',): continue
        if not m: continue
        try:
            if re.match(m,msg,re.I): return f
        except re.error:
            if msg.lower().startswith(m.lower()): return f
    return None
t=collections.Counter()
for lab,d,c in labelled(lambda l: l['rule'].endswith('/utcnow')):
    if d is None: continue
    fl=filters(d,c.replace('tree:',''))
    key='utcfromtimestamp' if 'utcfromtimestamp' in lab['snippet'] else 'utcnow'
    f=hit(fl,MSG[key])
    if f: t[(lab['project'],lab['verdict'])]+=1; print(lab['verdict'],lab['project'],lab['path'],f)
print(t)
