#!/usr/bin/env python3
# Top frames of a JFR recording: samples per thread, then self and inclusive frames of the threads
# whose name starts with PREFIX. Usage: scripts/jfr-top.py FILE.jfr [PREFIX]   (needs the JDK's jfr)
# Stacks are read 64 frames deep: jfr print's default (5) cuts the inclusive counts short.
import sys, re, collections, json, subprocess
f = sys.argv[1]; prefix = sys.argv[2] if len(sys.argv) > 2 else None
out = subprocess.run(['jfr','print','--json','--stack-depth','64','--events','jdk.ExecutionSample',f],capture_output=True,text=True).stdout
events = json.loads(out)['recording']['events']
threads = collections.Counter(); top = collections.Counter(); incl = collections.Counter(); n=0
for e in events:
    v = e['values']; t = (v.get('sampledThread') or {}).get('javaName') or '?'
    t2 = re.sub(r'\d+$','N',t); threads[t2]+=1
    if prefix and not t.startswith(prefix): continue
    frames = (v.get('stackTrace') or {}).get('frames') or []
    if not frames: continue
    n+=1
    def name(fr): m=fr['method']; return m['type']['name'].split('.')[-1]+'.'+m['name']
    top[name(frames[0])]+=1
    seen=set()
    for fr in frames:
        nm=name(fr)
        if nm not in seen: seen.add(nm); incl[nm]+=1
print('samples by thread:'); [print(f'  {c:6d} {t}') for t,c in threads.most_common(15)]
print(f'top frames ({prefix}, {n} samples):'); [print(f'  {100*c/n:5.1f}% {t}') for t,c in top.most_common(25)]
print('inclusive:'); [print(f'  {100*c/n:5.1f}% {t}') for t,c in incl.most_common(40)]
