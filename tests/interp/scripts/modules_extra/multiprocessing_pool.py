# multiprocessing: Pool.map/starmap/imap/apply_async, cpu_count, Process and Queue
import multiprocessing as mp
from multiprocessing import Pool, Process, Queue, cpu_count

def square(x):
    return x * x

def add(a, b):
    return a + b

def fails(x):
    if x == 3:
        raise ValueError("bad %d" % x)
    return x

print(cpu_count() >= 1, mp.cpu_count() == cpu_count())
with Pool(4) as pool:
    print(pool.map(square, range(10)))
    print(pool.starmap(add, [(1, 2), (3, 4)]))
    print(list(pool.imap(square, [5, 6])), sorted(pool.imap_unordered(square, [7, 8])))
    r = pool.apply_async(add, (10, 20))
    print(r.get(), r.ready(), r.successful(), pool.apply(square, (9,)))
    got = []
    pool.map_async(square, [1, 2, 3], callback=got.append).wait()
    print(got)
    try:
        pool.map(fails, range(5))
    except ValueError as e:
        print("ValueError", e)
pool = mp.Pool()
print(sum(pool.map(square, range(100))))
pool.close()
pool.join()

def worker(q, n):
    q.put(n * 10)

if __name__ == "__main__":
    q = Queue()
    ps = [Process(target=worker, args=(q, i)) for i in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(sorted(q.get() for _ in range(3)), [p.exitcode for p in ps])
