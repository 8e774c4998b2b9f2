# category: exceptions
# feature: continue inside a finally clause
# since: 3.8 (bpo-32489; 3.14 warns, PEP 765)
"""continue in finally is legal since 3.8 and discards a pending exception."""
seen = []
for i in range(4):
    try:
        if i % 2:
            raise ValueError(i)
        seen.append(i)
    finally:
        continue
print(seen)
count = 0
while count < 3:
    count += 1
    try:
        pass
    finally:
        if count < 3:
            continue
    seen.append("end %d" % count)
print(seen)
