"""Whether a file's own `== None` habit tells noise from findings worth saying: for each labelled `compare-to-none` /
`compare-not-none` finding, the counts of `== None` / `!= None` and of `is (not) None` in its file at that commit,
then how many labels a cut at R times as many `==` as `is` with at least M `==` would leave out. reticulum writes
`== None` in Link.py 66 times against 1 `is None` (764 findings judged noise in held-out round 465, its
Contributing.md refusing style-only changes). Measured in the twenty-seventh pass: no cut separates them
(R 9, M 10: 196 worth saying, 794 noise; flowblade's 613 noise, Sick-Beard's 52 and tockloader's 46 worth
saying). Not built."""
import collections
import re

from mirrors import labelled, texts

EQ=re.compile(r'[=!]=\s*None\b|\bNone\s*[=!]=')
IS=re.compile(r'\bis\s+(not\s+)?None\b')
cache={}
t=collections.Counter(); per=collections.Counter()
for lab,d,c in labelled(lambda l: l['rule'].endswith(('compare-to-none','compare-not-none'))):
    if d is None: continue
    c=c.replace('tree:','')
    k=(d,c,lab['path'])
    if k not in cache:
        txt=texts(d,c,[lab['path']]).get(lab['path']) or ''
        cache[k]=(len(EQ.findall(txt)), len(IS.findall(txt)))
    eq,is_=cache[k]
    for R in (3,5,9):
        for M in (5,10,20):
            hit = eq>=M and eq>=R*max(is_,0) and (is_==0 or eq>=R*is_)
            if hit: t[(R,M,lab['verdict'])]+=1
    if eq>=10 and eq>=9*is_: per[(lab['project'],lab['verdict'])]+=1
for R in (3,5,9):
    for M in (5,10,20):
        print(R,M,'TP',t[(R,M,'TP')],'FP',t[(R,M,'FP')])
print(sorted(per.items(), key=lambda kv:-kv[1])[:40])
