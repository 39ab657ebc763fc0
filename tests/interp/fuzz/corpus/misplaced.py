while True:
    break
else:
    continue
return 5
yield 3
await x
