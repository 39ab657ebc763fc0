results = []
for x in [1, 0, "a", 4, None, 2]:
    try:
        results.append(12 // x)
    except ZeroDivisionError:
        results.append("inf")
        continue
    except TypeError:
        results.append("?")
        if x is None:
            break
    finally:
        results.append("|")
print(results)
def gen_errors():
    for i in range(5):
        try:
            if i % 2:
                raise ValueError(i)
            yield i
        except ValueError as e:
            yield "err%s" % e
print(list(gen_errors()))
count = 0
while True:
    try:
        count += 1
        if count == 3:
            raise StopIteration
    except StopIteration:
        print("stopped at", count)
        break
