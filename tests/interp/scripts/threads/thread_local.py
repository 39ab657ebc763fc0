import threading
local = threading.local()
local.value = "main"
results = {}
lock = threading.Lock()
def worker(i):
    print_missing = not hasattr(local, "value")
    local.value = i * 10
    total = 0
    for _ in range(1000):
        total += local.value
    with lock:
        results[i] = (print_missing, local.value, total)
ts = [threading.Thread(target=worker, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results.items()))
print(local.value)
