"""Labelled `compare-to-none` / `compare-not-none` findings by the project's share of `is None` among its None
comparisons (its own Python files at the pinned head, not tests or library folders) and whether it configures
a Python linter anywhere (setup.cfg, tox.ini, pyproject.toml, pre-commit, CI files naming flake8, ruff,
pylint, pycodestyle ...). A one-off scan of the labels (run from anywhere), reading the fetched mirrors
(/work/.mirror); the pass it served is in docs/precision-history.md: no bin separates noise from findings
worth saying once flowblade's style and volatility's null object (contexts already) are set aside.
"""
import json,glob,os,subprocess,collections,re,sys
sys.path.insert(0, str(__import__('pathlib').Path(__file__).resolve().parents[3]))
from reviewer.rules import practice
R=str(__import__('pathlib').Path(__file__).resolve().parents[1])
projs={}
for f in glob.glob(R+'/projects*.json'):
    for p in json.load(open(f))['projects']: projs[p['name']]=p
def gd(repo):
    m='/work/.mirror/'+repo.replace('/','+')+'/repo'
    return m+'/.git' if os.path.isdir(m+'/.git') else m
LINT=re.compile(r'flake8|ruff|pylint|pycodestyle|pyflakes|prospector|wemake')
cache={}
def info(name):
    if name in cache: return cache[name]
    p=projs[name]; d=gd(p['repo']); h=p['head']
    files=subprocess.run(['git','--git-dir',d,'ls-tree','-r','--name-only',h],capture_output=True,text=True).stdout.splitlines()
    py=[f for f in files if f.endswith('.py') and not re.search(r'(^|/)(tests?|vendor|_vendor|third_party|lib|libs|ext|extern)/',f)]
    cfgs=[f for f in files if f.split('/')[-1] in ('setup.cfg','tox.ini','.flake8','ruff.toml','.ruff.toml','pyproject.toml','.pylintrc','pylintrc','.pre-commit-config.yaml','Makefile') or f.startswith('.github/workflows/') or f in ('.travis.yml','.gitlab-ci.yml','azure-pipelines.yml')]
    inp=''.join(f'{h}:{f}\n' for f in py+cfgs)
    out=subprocess.run(['git','--git-dir',d,'cat-file','--batch'],input=inp.encode(),capture_output=True).stdout
    eq=ident=0; lint=False; i=0; k=0; names=py+cfgs
    while i<len(out):
        nl=out.index(b'\n',i); head=out[i:nl].split()
        if len(head)<3: i=nl+1; k+=1; continue
        size=int(head[2]); t=out[nl+1:nl+1+size].decode('utf-8','replace'); i=nl+1+size+1
        fn=names[k]; k+=1
        if fn.endswith('.py'):
            e,s=practice._counts(t); eq+=e; ident+=s
        elif LINT.search(t): lint=True
    cache[name]=(eq,ident,lint); return cache[name]
rows=collections.Counter(); ex=collections.defaultdict(collections.Counter)
for l in open(R+'/labels.jsonl'):
    d=json.loads(l)
    if d['rule'] not in ('python-standards/compare-to-none','python-standards/compare-not-none'): continue
    if d['project'] not in projs or not os.path.exists(gd(projs[d['project']]['repo'])): continue
    eq,ident,lint=info(d['project'])
    share=ident/(eq+ident) if eq+ident else 1
    b='is>=0.95' if share>=0.95 else 'is 0.8-0.95' if share>=0.8 else 'is 0.5-0.8' if share>=0.5 else 'is<0.5'
    key=(('lint' if lint else 'nolint'),b,d['verdict'])
    rows[key]+=1; ex[key][d['project']]+=1
for k in sorted(rows): print(k, rows[k], ex[k].most_common(5))
