import threading
import random
rng = random.Random(77)
data = [rng.randint(0, 10 ** 6) for _ in range(20000)]
chunks = [data[i::4] for i in range(4)]
sorted_chunks = [None] * 4
def sort_chunk(i):
    sorted_chunks[i] = sorted(chunks[i])
ts = [threading.Thread(target=sort_chunk, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
def merge(a, b):
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            out.append(a[i]); i += 1
        else:
            out.append(b[j]); j += 1
    return out + a[i:] + b[j:]
result = merge(merge(sorted_chunks[0], sorted_chunks[1]), merge(sorted_chunks[2], sorted_chunks[3]))
print(result == sorted(data), len(result), result[:5], result[-2:])
